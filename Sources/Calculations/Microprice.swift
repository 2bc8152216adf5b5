import MarketData

/// Microprice (size-weighted mid) of the newest quote, and its distance from the mid.
///
/// `microprice = (bid × askSize + ask × bidSize) / (bidSize + askSize)` — it leans towards the side with
/// less depth, where the next price change is likelier. `distance = microprice − mid`, in dollars, in
/// basis points of the mid and as a fraction of the half-spread (−1…+1; `nil` for a locked quote).
/// Usable quotes: both prices positive, bid ≤ ask, sizes non-negative with a positive sum. Each new quote
/// replaces the previous one; an unusable newest quote gives `nil` (no stale value).
/// Warm-up: `nil` before a usable quote. Units: dollars, basis points, fraction of half-spread.
public struct Microprice: Sendable, Hashable {
    /// Microprice of one quote.
    public struct Output: Sendable, Hashable {
        public var microprice: Double
        public var mid: Double
        /// `microprice − mid`, dollars.
        public var distance: Double
        /// `10⁴ × (microprice − mid) / mid`.
        public var distanceBasisPoints: Double
        /// `(microprice − mid) / ((ask − bid) / 2)`; `nil` for a locked quote.
        public var distanceInHalfSpreads: Double?
    }

    /// The newest quote's microprice, `nil` if it is unusable.
    public private(set) var value: Output?

    public init() {}

    /// Microprice of one quote, `nil` if unusable.
    public static func of(_ quote: Quote) -> Output? {
        let depth = quote.bidSize + quote.askSize
        guard PrevailingQuote.isUsable(quote), quote.bidSize >= 0, quote.askSize >= 0, depth > 0 else { return nil }
        let micro = (quote.bidPrice * quote.askSize + quote.askPrice * quote.bidSize) / depth
        let mid = (quote.bidPrice + quote.askPrice) / 2
        let halfSpread = (quote.askPrice - quote.bidPrice) / 2
        return Output(
            microprice: micro, mid: mid, distance: micro - mid, distanceBasisPoints: 10_000 * (micro - mid) / mid,
            distanceInHalfSpreads: halfSpread > 0 ? (micro - mid) / halfSpread : nil
        )
    }

    /// Adds the next quote.
    public mutating func add(_ quote: Quote) {
        value = Self.of(quote)
    }
}
