/// The client side of Polygon's per-minute request limit: a token bucket holding at most `burst` tokens,
/// refilled evenly at `requestsPerMinute`.
///
/// A request takes a token before it is sent. When none is left the caller reserves the next one and
/// sleeps until it is due, so callers are served in arrival order and the long-run rate never exceeds the
/// limit, however many tasks ask at once. An actor because the bucket is state shared by every request of
/// the client.
actor TokenBucket {
    private let capacity: Double
    private let refillPerSecond: Double
    private var tokens: Double
    private var updated: ContinuousClock.Instant
    private let clock = ContinuousClock()

    init(requestsPerMinute: Int, burst: Int) {
        capacity = Double(max(1, burst))
        refillPerSecond = Double(max(1, requestsPerMinute)) / 60
        tokens = capacity
        updated = clock.now
    }

    /// Takes a token, waiting for it if needed; throws `CancellationError` if cancelled while waiting.
    func acquire() async throws {
        let wait = reserve()
        if wait > .zero { try await Task.sleep(for: wait) }
    }

    /// Takes a token now (the balance may go negative) and returns how long until it is covered.
    private func reserve() -> Duration {
        let now = clock.now
        let elapsed = now - updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(capacity, tokens + seconds * refillPerSecond)
        updated = now
        tokens -= 1
        if tokens >= 0 { return .zero }
        return .nanoseconds(Int64((-tokens / refillPerSecond * 1e9).rounded(.up)))
    }
}
