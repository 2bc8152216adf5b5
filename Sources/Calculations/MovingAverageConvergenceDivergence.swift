import MarketData

/// MACD (default 12/26/9): line, signal and histogram.
///
/// `line = EMA_fast(close) − EMA_slow(close)`, `signal = EMA_signal(line)`, `histogram = line − signal`.
/// Each EMA uses `α = 2 / (n + 1)` and is seeded with the simple mean of its first `n` inputs (the
/// charting convention: three ``ExponentialMovingAverage``s); the signal's inputs are the
/// line values from the first one that exists. Warm-up: `line` is `nil` until `slow` closes, `signal`
/// and `histogram` until `slow + signal − 1` closes. Units: dollars.
public struct MovingAverageConvergenceDivergence: Sendable, Hashable {
    public let fastPeriod: Int
    public let slowPeriod: Int
    public let signalPeriod: Int
    private var fast: ExponentialMovingAverage
    private var slow: ExponentialMovingAverage
    private var signalAverage: ExponentialMovingAverage

    public init(fast: Int = 12, slow: Int = 26, signal: Int = 9) {
        precondition(fast >= 1 && slow >= 1 && signal >= 1, "MACD periods must be at least 1")
        fastPeriod = fast
        slowPeriod = slow
        signalPeriod = signal
        self.fast = ExponentialMovingAverage(period: fast)
        self.slow = ExponentialMovingAverage(period: slow)
        signalAverage = ExponentialMovingAverage(period: signal)
    }

    /// Adds the next close.
    public mutating func add(_ close: Double) {
        fast.add(close)
        slow.add(close)
        if let line { signalAverage.add(line) }
    }

    /// Adds a closed bar's close.
    public mutating func add(_ bar: Bar) {
        add(bar.close)
    }

    /// `EMA_fast − EMA_slow`, `nil` during warm-up.
    public var line: Double? {
        guard let f = fast.value, let s = slow.value else { return nil }
        return f - s
    }

    /// EMA of the line, `nil` during warm-up.
    public var signal: Double? { signalAverage.value }

    /// `line − signal`, `nil` during warm-up.
    public var histogram: Double? {
        guard let line, let signal else { return nil }
        return line - signal
    }
}
