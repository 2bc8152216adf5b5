import MarketData

/// Bollinger Bands (default 20 periods, 2 standard deviations): bands, %B and bandwidth.
///
/// `middle = SMA(n)`, `σ` = population standard deviation of the same `n` closes (divide by `n`, as
/// Bollinger and StockCharts do), `upper/lower = middle ± k·σ`.
/// `%B = (close − lower) / (upper − lower)` for the newest close; `bandwidth = (upper − lower) / middle`
/// (a fraction, not ×100). Warm-up: `nil` until `period` closes. `%B` is `nil` when the bands have zero
/// width (all closes equal), bandwidth `nil` when the middle is zero. Units: dollars for the bands,
/// dimensionless for %B and bandwidth. O(1) per close: sums of values and squares are kept relative to
/// the first close (to avoid cancellation) and re-added exactly every `period` closes.
public struct BollingerBands: Sendable, Hashable {
    /// Bands at the newest close.
    public struct Output: Sendable, Hashable {
        public var middle: Double
        public var upper: Double
        public var lower: Double
        /// Population standard deviation of the window.
        public var standardDeviation: Double
        /// `(close − lower) / (upper − lower)`; `nil` for zero-width bands.
        public var percentB: Double?
        /// `(upper − lower) / middle`; `nil` when the middle is zero.
        public var bandwidth: Double?
    }

    public let period: Int
    public let deviations: Double
    private var shift: Double?
    private var values: FixedWindow
    private var squares: FixedWindow

    public init(period: Int = 20, deviations: Double = 2) {
        self.period = period
        self.deviations = deviations
        values = FixedWindow(capacity: period)
        squares = FixedWindow(capacity: period)
    }

    /// Adds the next close.
    public mutating func add(_ close: Double) {
        if shift == nil { shift = close }
        let d = close - shift!
        values.add(d)
        squares.add(d * d)
    }

    /// Adds a closed bar's close.
    public mutating func add(_ bar: Bar) {
        add(bar.close)
    }

    /// The bands, `nil` during warm-up.
    public var value: Output? {
        guard values.isFull, let shift, let newest = values.last else { return nil }
        let n = Double(period)
        let meanShifted = values.sum / n
        let variance = max(squares.sum / n - meanShifted * meanShifted, 0)
        let sigma = variance.squareRoot()
        let middle = meanShifted + shift
        let upper = middle + deviations * sigma
        let lower = middle - deviations * sigma
        let width = upper - lower
        return Output(
            middle: middle, upper: upper, lower: lower, standardDeviation: sigma,
            percentB: width > 0 ? (newest + shift - lower) / width : nil,
            bandwidth: middle != 0 ? width / middle : nil
        )
    }
}
