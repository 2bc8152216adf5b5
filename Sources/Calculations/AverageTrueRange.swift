import MarketData

/// Wilder's Average True Range (default 14).
///
/// `TR = max(high − low, |high − previousClose|, |low − previousClose|)`; the first bar, having no
/// previous close, has `TR = high − low`. The first ATR is the simple mean of the first `period` TRs;
/// later ones are `ATR = (ATR × (period − 1) + TR) / period`. Warm-up: `nil` until `period` bars.
/// Units: dollars.
public struct AverageTrueRange: Sendable, Hashable {
    public let period: Int
    private var previousClose: Double?
    private var count = 0
    private var seedSum = 0.0
    /// The current ATR, `nil` during warm-up.
    public private(set) var value: Double?
    /// The newest bar's true range, `nil` before any bar.
    public private(set) var trueRange: Double?

    public init(period: Int = 14) {
        precondition(period >= 1, "an ATR period must be at least 1")
        self.period = period
    }

    /// Adds the next bar's high, low and close.
    public mutating func add(high: Double, low: Double, close: Double) {
        var range = high - low
        if let previousClose {
            range = max(range, abs(high - previousClose), abs(low - previousClose))
        }
        previousClose = close
        trueRange = range
        count += 1
        if let current = value {
            let n = Double(period)
            value = (current * (n - 1) + range) / n
        } else {
            seedSum += range
            if count == period { value = seedSum / Double(period) }
        }
    }

    /// Adds a closed bar.
    public mutating func add(_ bar: Bar) {
        add(high: bar.high, low: bar.low, close: bar.close)
    }
}
