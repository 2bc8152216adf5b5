import MarketData

/// Stochastic oscillator (default %K 14, %D 3): fast %K and its simple average %D.
///
/// `%K = 100 × (close − lowestLow) / (highestHigh − lowestLow)` over the last `period` bars (highs and
/// lows of those bars, the newest close); `%D` = simple mean of the last `smoothing` %K values.
/// Warm-up: %K is `nil` until `period` bars; when the highest high equals the lowest low %K is undefined
/// and `nil`, and %D is `nil` until the last `smoothing` %K values all exist. Units: 0…100.
/// O(1) amortised per bar (monotonic deques in preallocated rings).
public struct StochasticOscillator: Sendable, Hashable {
    public let period: Int
    public let smoothing: Int
    private var highs: MonotonicWindow
    private var lows: MonotonicWindow
    private var recentK: FixedWindow
    /// The newest %K, `nil` during warm-up or for a zero range.
    public private(set) var percentK: Double?

    public init(period: Int = 14, smoothing: Int = 3) {
        self.period = period
        self.smoothing = smoothing
        highs = MonotonicWindow(capacity: period, maximum: true)
        lows = MonotonicWindow(capacity: period, maximum: false)
        recentK = FixedWindow(capacity: smoothing)
    }

    /// Adds the next bar's high, low and close.
    public mutating func add(high: Double, low: Double, close: Double) {
        highs.add(high)
        lows.add(low)
        guard highs.seen >= period, let highest = highs.extreme, let lowest = lows.extreme, highest > lowest else {
            percentK = nil
            recentK.removeAll()
            return
        }
        let k = 100 * (close - lowest) / (highest - lowest)
        percentK = k
        recentK.add(k)
    }

    /// Adds a closed bar.
    public mutating func add(_ bar: Bar) {
        add(high: bar.high, low: bar.low, close: bar.close)
    }

    /// Mean of the last `smoothing` %K values, `nil` until they all exist.
    public var percentD: Double? {
        recentK.isFull ? recentK.sum / Double(smoothing) : nil
    }
}
