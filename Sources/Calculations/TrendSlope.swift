import MarketData

/// Trend as the least-squares slope of the last `period` closes against their index (30 one-minute bars
/// for the 30-minute trend, 60 for the 1-hour trend).
///
/// With `xᵢ = 0…n−1` (oldest to newest) and `yᵢ` the closes:
/// `slope = (n Σxy − Σx Σy) / (n Σx² − (Σx)²)` dollars per bar; ``value`` also reports it relative to the
/// window's mean close in basis points per bar. Bars are counted, not timed: a minute without a bar is
/// skipped, not interpolated. Warm-up: `nil` until `period` closes (`period ≥ 2`). Units: dollars per bar
/// and basis points per bar. O(1) per close: `Σy` and `Σxy` slide (`Σxy' = Σxy − (Σy − y_oldest) + (n−1)·y_new`)
/// and are recomputed exactly every `period` closes.
public struct TrendSlope: Sendable, Hashable {
    /// The fitted slope.
    public struct Output: Sendable, Hashable {
        /// Dollars per bar.
        public var slope: Double
        /// `slope / mean(close) × 10⁴`, basis points per bar; `nil` when the mean close is zero.
        public var basisPointsPerBar: Double?
    }

    public let period: Int
    private var closes: FixedWindow
    private var sumXY = 0.0
    private var sinceRecompute = 0

    public init(period: Int) {
        precondition(period >= 2, "a slope needs at least two points")
        self.period = period
        closes = FixedWindow(capacity: period)
    }

    /// Adds the next close.
    public mutating func add(_ close: Double) {
        let oldSum = closes.sum
        if let evicted = closes.add(close) {
            sumXY = sumXY - (oldSum - evicted) + Double(period - 1) * close
        } else {
            sumXY += Double(closes.count - 1) * close
        }
        sinceRecompute += 1
        if sinceRecompute >= period {
            sinceRecompute = 0
            var exact = 0.0
            for i in 0..<closes.count { exact += Double(i) * closes[i] }
            sumXY = exact
        }
    }

    /// Adds a closed bar's close.
    public mutating func add(_ bar: Bar) {
        add(bar.close)
    }

    /// The slope over the last `period` closes, `nil` during warm-up.
    public var value: Output? {
        guard closes.isFull else { return nil }
        let n = Double(period)
        let sumX = n * (n - 1) / 2
        let sumXX = (n - 1) * n * (2 * n - 1) / 6
        let slope = (n * sumXY - sumX * closes.sum) / (n * sumXX - sumX * sumX)
        let mean = closes.sum / n
        return Output(slope: slope, basisPointsPerBar: mean != 0 ? slope / mean * 10_000 : nil)
    }
}
