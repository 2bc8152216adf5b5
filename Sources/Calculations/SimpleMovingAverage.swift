import MarketData

/// Simple moving average of the last `period` closes (default 20).
///
/// Formula: `SMA = (x₁ + … + xₙ) / n` over the newest `n = period` values.
/// Warm-up: `nil` until `period` values were added. Units: those of the input (dollars for closes).
/// O(1) per value, no allocation after init (the window's sum is re-added exactly every `period` values).
public struct SimpleMovingAverage: Sendable, Hashable {
    /// Number of values averaged.
    public let period: Int
    private var window: FixedWindow

    /// An average over `period` values (at least 1).
    public init(period: Int = 20) {
        self.period = period
        window = FixedWindow(capacity: period)
    }

    /// Adds the next value of the series.
    public mutating func add(_ x: Double) {
        window.add(x)
    }

    /// Adds a closed bar's close.
    public mutating func add(_ bar: Bar) {
        add(bar.close)
    }

    /// The average of the last `period` values, `nil` during warm-up.
    public var value: Double? {
        window.isFull ? window.sum / Double(period) : nil
    }
}
