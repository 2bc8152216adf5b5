import MarketData

/// A token bucket per API key: `requestsPerMinute` tokens refill evenly over a minute, the bucket holds at
/// most `burst` (by default a minute's worth), and a request without a token gets Polygon's 429 with
/// `Retry-After`.
///
/// Time comes from a ``PacingClock``, so tests decide when tokens refill. Buckets of keys that have
/// refilled completely are forgotten once more than ``maximumKeys`` keys are tracked (a full bucket is
/// what a new key gets), so a flood of made-up keys cannot grow the server's memory without bound.
package actor RateLimiter {
    /// Keys tracked before full buckets are dropped.
    package static let maximumKeys = 10_000

    private let capacity: Double
    private let refillPerSecond: Double
    private var buckets: [String: (tokens: Double, updated: Duration)] = [:]
    private let clock: PacingClock

    package init(requestsPerMinute: Int, burst: Int? = nil, clock: PacingClock = .continuous) {
        capacity = Double(burst ?? requestsPerMinute)
        refillPerSecond = Double(requestsPerMinute) / 60
        self.clock = clock
    }

    /// Takes a token for `key`, or returns the whole seconds until one is available.
    package func acquire(key: String) -> Int? {
        let now = clock.elapsed()
        if buckets.count >= Self.maximumKeys, buckets[key] == nil { forgetFullBuckets(now: now) }
        var bucket = buckets[key] ?? (capacity, now)
        bucket.tokens = refilled(bucket, now: now)
        bucket.updated = now
        defer { buckets[key] = bucket }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        return max(1, Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up)))
    }

    /// How many keys have a bucket now.
    package var trackedKeys: Int { buckets.count }

    /// The tokens of `bucket` at `now`.
    private func refilled(_ bucket: (tokens: Double, updated: Duration), now: Duration) -> Double {
        let elapsed = max(.zero, now - bucket.updated)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return min(capacity, bucket.tokens + seconds * refillPerSecond)
    }

    private func forgetFullBuckets(now: Duration) {
        buckets = buckets.filter { refilled($0.value, now: now) < capacity }
    }
}
