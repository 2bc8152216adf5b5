import MarketData

/// How often and how patiently the client retries a request that failed in a way worth retrying:
/// HTTP 429, 5xx (and 408/499), timeouts, dropped connections and truncated bodies.
///
/// The wait before retry `n` (1-based) is `baseDelay × 2^(n-1)`, capped at `maxDelay`, times a jitter
/// factor in [0.5, 1) — or the server's `Retry-After` when that is longer (capped at `maxRetryAfter`).
/// The jitter is a pure function of `jitterSeed`, the canonical request and the attempt, so two runs wait
/// the same and concurrent requests still spread out. Each request gets at most `maxAttempts` tries,
/// and one fetch call (bars, trades or quotes of one symbol) at most `retryBudget` retries in all.
public struct RetryPolicy: Sendable, Hashable {
    /// Tries per request, the first included.
    public var maxAttempts: Int
    /// Retries for one fetch call, across all its requests.
    public var retryBudget: Int
    /// The wait before the first retry.
    public var baseDelay: Duration
    /// The longest computed wait.
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; a longer one is cut to this.
    public var maxRetryAfter: Duration
    /// Seed of the deterministic jitter.
    public var jitterSeed: UInt64

    public init(
        maxAttempts: Int = 6, retryBudget: Int = 100, baseDelay: Duration = .milliseconds(250),
        maxDelay: Duration = .seconds(8), maxRetryAfter: Duration = .seconds(65), jitterSeed: UInt64 = 0
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.retryBudget = max(0, retryBudget)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitterSeed = jitterSeed
    }

    /// The wait before retry number `retry` (1-based) of `request`, given the server's `Retry-After`.
    package func delay(beforeRetry retry: Int, of request: String, retryAfter: Duration?) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        var backoff = baseDelay * (1 << exponent)
        if backoff > maxDelay { backoff = maxDelay }
        var state = jitterSeed ^ StableHash.fnv1a64(request) ^ (UInt64(retry) &* 0x9E37_79B9_7F4A_7C15)
        let unit = Double(StableHash.splitMix64(&state) >> 11) / Double(1 << 53)
        let jittered = backoff * (0.5 + unit / 2)
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, maxRetryAfter))
    }
}
