/// The client side of Polygon's per-minute request limit, and the place where a 429 slows everyone.
///
/// With a rate, it is a token bucket holding at most `burst` tokens, refilled evenly at
/// `requestsPerMinute`: a request takes a token before it is sent, and when none is left the caller
/// reserves the next one and sleeps until it is due, so the long-run rate never exceeds the limit however
/// many tasks ask at once. Without a rate, tokens are unlimited. Either way, a server's `Retry-After`
/// pauses every request of the client until it has passed, instead of letting each in-flight request
/// find out with its own 429. An actor because this is state shared by every request of the client.
actor TokenBucket {
    private let capacity: Double
    private let refillPerSecond: Double?
    private var tokens: Double
    private var updated: ContinuousClock.Instant
    private var pausedUntil: ContinuousClock.Instant
    private let clock = ContinuousClock()

    /// A bucket for `requestsPerMinute` (nil for no limit) holding at most `burst` tokens.
    init(requestsPerMinute: Int?, burst: Int?) {
        capacity = Double(max(1, burst ?? requestsPerMinute ?? 1))
        refillPerSecond = requestsPerMinute.map { Double(max(1, $0)) / 60 }
        tokens = capacity
        updated = clock.now
        pausedUntil = clock.now
    }

    /// Takes a token, waiting for it (and for any pause) if needed; throws `CancellationError` if
    /// cancelled while waiting.
    func acquire() async throws {
        while true {
            let now = clock.now
            if pausedUntil > now {
                try await Task.sleep(until: pausedUntil, clock: clock)
                continue
            }
            let wait = reserve(now: now)
            if wait > .zero { try await Task.sleep(for: wait) }
            return
        }
    }

    /// Holds every request back until `duration` from now (a server's `Retry-After`).
    func pause(for duration: Duration) {
        pausedUntil = max(pausedUntil, clock.now + duration)
    }

    /// Takes a token now (the balance may go negative) and returns how long until it is covered.
    private func reserve(now: ContinuousClock.Instant) -> Duration {
        guard let refillPerSecond else { return .zero }
        let elapsed = now - updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(capacity, tokens + seconds * refillPerSecond)
        updated = now
        tokens -= 1
        if tokens >= 0 { return .zero }
        return .nanoseconds(Int64((-tokens / refillPerSecond * 1e9).rounded(.up)))
    }
}
