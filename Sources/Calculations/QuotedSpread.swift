import MarketData

/// Quoted NBBO spread: time-weighted mean, median and last, in cents and in basis points of the mid.
///
/// For each usable quote (both prices positive, bid ≤ ask; a locked quote's spread is 0):
/// `cents = 100 × (ask − bid)`, `bps = 10⁴ × (ask − bid) / mid`, `mid = (bid + ask) / 2`.
/// - Time-weighted mean: each quote's spread holds from its SIP timestamp until the next quote (or
///   `asOf`); time under a crossed or one-sided quote (zero price on a side) is left out of numerator and
///   denominator. A quote superseded at the same nanosecond has zero weight.
/// - Median: exact, over quote updates (each usable quote counts once, including equal-timestamp ones),
///   by two heaps — O(log n) per quote.
/// - Last: the newest quote's spread, `nil` when the newest quote is unusable.
/// Warm-up: ``summary(asOf:)`` is `nil` before the first usable quote. Units: cents and basis points.
public struct QuotedSpread: Sendable, Hashable {
    /// Spread statistics at one instant.
    public struct Output: Sendable, Hashable {
        public var timeWeightedMeanCents: Double?
        public var timeWeightedMeanBasisPoints: Double?
        public var medianCents: Double
        public var medianBasisPoints: Double
        public var lastCents: Double?
        public var lastBasisPoints: Double?
        /// Usable quotes seen.
        public var quoteCount: Int
    }

    private var cents = TimeWeightedMean()
    private var basisPoints = TimeWeightedMean()
    private var centsMedian: RunningMedian
    private var basisPointsMedian: RunningMedian

    /// - Parameter expectedQuotes: capacity to reserve for the medians' heaps.
    public init(expectedQuotes: Int = 0) {
        centsMedian = RunningMedian(reservingCapacity: expectedQuotes)
        basisPointsMedian = RunningMedian(reservingCapacity: expectedQuotes)
    }

    /// Adds the next quote (SIP timestamps non-decreasing).
    public mutating func add(_ quote: Quote) {
        let time = quote.sipTimestamp.nanoseconds
        guard let (c, b) = Self.spread(bid: quote.bidPrice, ask: quote.askPrice) else {
            cents.set(nil, at: time)
            basisPoints.set(nil, at: time)
            return
        }
        cents.set(c, at: time)
        basisPoints.set(b, at: time)
        centsMedian.add(c)
        basisPointsMedian.add(b)
    }

    /// The spread of a quote in cents and in basis points of its mid, `nil` when the quote is unusable.
    @inlinable
    public static func spread(bid: Double, ask: Double) -> (cents: Double, basisPoints: Double)? {
        guard PrevailingQuote.isUsable(bid: bid, ask: ask) else { return nil }
        let spread = ask - bid
        let mid = (ask + bid) / 2
        return (100 * spread, 10_000 * spread / mid)
    }

    /// The median of `values` as the running median keeps it (the middle value, or the mean of the two
    /// middle values for an even count), found by selection in O(n); `values` is reordered. `nil` when
    /// empty. One-pass readers use it on a window's values.
    public static func median(selectingIn values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let middle = values.count / 2
        Selection.select(middle, in: &values)
        if values.count % 2 == 1 { return values[middle] }
        // The lower middle value is the largest of the values placed before the upper one.
        return (values[..<middle].max().unsafelyUnwrapped + values[middle]) / 2
    }

    /// Statistics of everything fed, with the newest quote holding until `asOf`.
    public func summary(asOf: Timestamp) -> Output? {
        guard let medianCents = centsMedian.median, let medianBasisPoints = basisPointsMedian.median else {
            return nil
        }
        return Output(
            timeWeightedMeanCents: cents.mean(asOf: asOf.nanoseconds),
            timeWeightedMeanBasisPoints: basisPoints.mean(asOf: asOf.nanoseconds),
            medianCents: medianCents, medianBasisPoints: medianBasisPoints,
            lastCents: cents.last, lastBasisPoints: basisPoints.last, quoteCount: centsMedian.count
        )
    }
}
