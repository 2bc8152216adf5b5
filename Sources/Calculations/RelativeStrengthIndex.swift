import MarketData

/// Wilder's Relative Strength Index (default period 14).
///
/// With changes `dₜ = closeₜ − closeₜ₋₁`, gains `max(d, 0)` and losses `max(−d, 0)`:
/// the first average gain (loss) is the simple mean over the first `period` changes; each later one is
/// Wilder's smoothing `avg = (avg × (period − 1) + current) / period`. `RSI = 100 − 100 / (1 + RS)` with
/// `RS = avgGain / avgLoss`; `RSI = 100` when `avgLoss = 0 < avgGain`.
/// Warm-up: `nil` until `period + 1` closes (the first `period` changes). When both averages are zero
/// (a perfectly flat series) RSI is undefined and the value is `nil` — no made-up 50.
/// Units: 0…100.
public struct RelativeStrengthIndex: Sendable, Hashable {
    /// Number of changes in the averages.
    public let period: Int
    private var previous: Double?
    private var changes = 0
    private var gainSum = 0.0
    private var lossSum = 0.0
    /// Wilder-smoothed average gain, `nil` during warm-up.
    public private(set) var averageGain: Double?
    /// Wilder-smoothed average loss (positive), `nil` during warm-up.
    public private(set) var averageLoss: Double?

    public init(period: Int = 14) {
        precondition(period >= 1, "an RSI period must be at least 1")
        self.period = period
    }

    /// Adds the next close.
    public mutating func add(_ close: Double) {
        defer { previous = close }
        guard let previous else { return }
        let change = close - previous
        let gain = max(change, 0)
        let loss = max(-change, 0)
        changes += 1
        if let g = averageGain, let l = averageLoss {
            let n = Double(period)
            averageGain = (g * (n - 1) + gain) / n
            averageLoss = (l * (n - 1) + loss) / n
        } else {
            gainSum += gain
            lossSum += loss
            if changes == period {
                averageGain = gainSum / Double(period)
                averageLoss = lossSum / Double(period)
            }
        }
    }

    /// Adds a closed bar's close.
    public mutating func add(_ bar: Bar) {
        add(bar.close)
    }

    /// RSI in 0…100, `nil` during warm-up or for a flat series.
    public var value: Double? {
        guard let gain = averageGain, let loss = averageLoss else { return nil }
        if loss == 0 { return gain == 0 ? nil : 100 }
        return 100 - 100 / (1 + gain / loss)
    }
}
