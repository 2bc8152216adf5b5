import MarketData

/// The client side of Polygon's per-minute request limit, and the place where a 429 slows everyone.
///
/// With a rate, it is a token bucket holding at most `burst` tokens, refilled evenly at
/// `requestsPerMinute`: a request takes a token before it is sent, and when none is left the caller
/// reserves the next one and sleeps until it is due, so the long-run rate never exceeds the limit however
/// many tasks ask at once. Without a rate, tokens are unlimited. Either way, a server's `Retry-After`
/// pauses every request of the client until it has passed, instead of letting each in-flight request
/// find out with its own 429. An actor because this is state shared by every request of the client.
/// Time comes from a ``PacingClock``, so tests decide when tokens refill and waits cost them nothing.
actor TokenBucket {
    private let capacity: Double
    private let refillPerSecond: Double?
    private var tokens: Double
    private var updated: Duration
    private var pausedUntil: Duration
    private let clock: PacingClock

    /// A bucket for `requestsPerMinute` (nil for no limit) holding at most `burst` tokens.
    init(requestsPerMinute: Int?, burst: Int?, clock: PacingClock = .continuous) {
        capacity = Double(max(1, burst ?? requestsPerMinute ?? 1))
        refillPerSecond = requestsPerMinute.map { Double(max(1, $0)) / 60 }
        tokens = capacity
        self.clock = clock
        updated = clock.elapsed()
        pausedUntil = updated
    }

    /// Takes a token, waiting for it (and for any pause) if needed; throws `CancellationError` if
    /// cancelled while waiting.
    func acquire() async throws {
        while true {
            let now = clock.elapsed()
            if pausedUntil > now {
                try await clock.sleepUntil(pausedUntil)
                continue
            }
            let due = reserve(now: now)
            if due > now { try await clock.sleepUntil(due) }
            return
        }
    }

    /// Holds every request back until `duration` from now (a server's `Retry-After`).
    func pause(for duration: Duration) {
        pausedUntil = max(pausedUntil, clock.elapsed() + duration)
    }

    /// Takes a token at `now` (the balance may go negative) and returns when it is covered.
    private func reserve(now: Duration) -> Duration {
        guard let refillPerSecond else { return now }
        let elapsed = max(.zero, now - updated)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(capacity, tokens + seconds * refillPerSecond)
        updated = now
        tokens -= 1
        if tokens >= 0 { return now }
        return now + .nanoseconds(Int64((-tokens / refillPerSecond * 1e9).rounded(.up)))
    }
}
