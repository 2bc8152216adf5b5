/// An exponential moving average over a series of values, seeded with a simple average.
///
/// Convention (the common charting one): with period `n` and smoothing `α = 2 / (n + 1)`,
/// - the first `n - 1` values produce no average (``value`` is `nil`: warm-up, never a made-up number);
/// - the `n`-th value sets the average to the simple mean of the first `n` values;
/// - every later value `x` updates it to `α·x + (1 − α)·previous`.
///
/// Equivalently, after `m ≥ n` values the average is
/// `(1 − α)^(m−n) · SMA(x₁…xₙ) + Σ_{k=n+1…m} α (1 − α)^(m−k) · x_k`, which the tests check.
/// Pure: values in, value out; no time, no I/O.
public struct ExponentialMovingAverage: Sendable, Hashable {
    /// Number of values in the seed average, and the span of the smoothing.
    public let period: Int
    /// `2 / (period + 1)`.
    public let smoothing: Double
    /// The current average, `nil` until `period` values were added.
    public private(set) var value: Double?
    /// Values added so far.
    public private(set) var count = 0
    private var seedSum = 0.0

    /// An average over `period` values (at least 1).
    public init(period: Int) {
        precondition(period >= 1, "an EMA period must be at least 1")
        self.period = period
        self.smoothing = 2 / Double(period + 1)
    }

    /// Adds the next value of the series.
    public mutating func add(_ x: Double) {
        count += 1
        if let current = value {
            value = smoothing * x + (1 - smoothing) * current
        } else {
            seedSum += x
            if count == period { value = seedSum / Double(period) }
        }
    }

    /// The average of a whole series, or `nil` when it has fewer than `period` values.
    public static func of(_ values: some Sequence<Double>, period: Int) -> Double? {
        var ema = ExponentialMovingAverage(period: period)
        for x in values { ema.add(x) }
        return ema.value
    }
}
