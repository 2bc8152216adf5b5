import MarketData

/// Quote (depth) imbalance at the NBBO: `(bidSize − askSize) / (bidSize + askSize)`, last and
/// time-weighted.
///
/// Uses quotes with both prices positive, bid ≤ ask (locked included) and `bidSize + askSize > 0`;
/// a crossed or one-sided quote interrupts the time weighting (as in ``QuotedSpread``), and a quote
/// superseded at the same nanosecond has zero weight. Sizes are in the quote's units (round lots for
/// Polygon); the ratio does not depend on them. Warm-up: `last` is `nil` when the newest quote is
/// unusable, the mean `nil` until a usable quote held for some time. Units: −1…+1 (+1 = all bid).
public struct QuoteImbalance: Sendable, Hashable {
    private var imbalance = TimeWeightedMean()

    public init() {}

    /// Imbalance of one quote, `nil` if unusable.
    public static func imbalance(of quote: Quote) -> Double? {
        imbalance(bidPrice: quote.bidPrice, bidSize: quote.bidSize, askPrice: quote.askPrice, askSize: quote.askSize)
    }

    /// Imbalance of a quote given by its prices and sizes, `nil` if unusable.
    public static func imbalance(bidPrice: Double, bidSize: Double, askPrice: Double, askSize: Double) -> Double? {
        let depth = bidSize + askSize
        guard PrevailingQuote.isUsable(bid: bidPrice, ask: askPrice), bidSize >= 0, askSize >= 0, depth > 0 else { return nil }
        return (bidSize - askSize) / depth
    }

    /// Adds the next quote (SIP timestamps non-decreasing).
    public mutating func add(_ quote: Quote) {
        imbalance.set(Self.imbalance(of: quote), at: quote.sipTimestamp.nanoseconds)
    }

    /// The newest quote's imbalance.
    public var last: Double? { imbalance.last }

    /// Time-weighted mean imbalance up to `asOf`.
    public func timeWeightedMean(asOf: Timestamp) -> Double? {
        imbalance.mean(asOf: asOf.nanoseconds)
    }
}
