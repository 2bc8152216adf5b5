import MarketData

/// Rate of change over `period` bars (default 10).
///
/// `ROC = 100 × (closeₜ − closeₜ₋ₙ) / closeₜ₋ₙ`. Warm-up: `nil` until `period + 1` closes; `nil` when the
/// reference close is zero. Units: percent.
public struct RateOfChange: Sendable, Hashable {
    public let period: Int
    private var closes: FixedWindow

    public init(period: Int = 10) {
        precondition(period >= 1, "a rate-of-change period must be at least 1")
        self.period = period
        closes = FixedWindow(capacity: period + 1)
    }

    /// Adds the next close.
    public mutating func add(_ close: Double) {
        closes.add(close)
    }

    /// Adds a closed bar's close.
    public mutating func add(_ bar: Bar) {
        add(bar.close)
    }

    /// Percent change over `period` bars, `nil` during warm-up.
    public var value: Double? {
        guard closes.isFull, let reference = closes.first, let newest = closes.last, reference != 0 else {
            return nil
        }
        return 100 * (newest - reference) / reference
    }
}
