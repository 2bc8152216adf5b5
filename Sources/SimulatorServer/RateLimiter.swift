/// A token bucket per API key: `requestsPerMinute` tokens refill evenly over a minute, the bucket holds at
/// most `burst` (by default a minute's worth), and a request without a token gets Polygon's 429 with
/// `Retry-After`.
actor RateLimiter {
    private let capacity: Double
    private let refillPerSecond: Double
    private var buckets: [String: (tokens: Double, updated: ContinuousClock.Instant)] = [:]
    private let clock = ContinuousClock()

    init(requestsPerMinute: Int, burst: Int? = nil) {
        capacity = Double(burst ?? requestsPerMinute)
        refillPerSecond = Double(requestsPerMinute) / 60
    }

    /// Takes a token for `key`, or returns the whole seconds until one is available.
    func acquire(key: String) -> Int? {
        let now = clock.now
        var bucket = buckets[key] ?? (capacity, now)
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(capacity, bucket.tokens + seconds * refillPerSecond)
        bucket.updated = now
        defer { buckets[key] = bucket }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        return max(1, Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up)))
    }
}
