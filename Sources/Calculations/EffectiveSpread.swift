import MarketData

/// Effective spread: `2 × |price − mid|` of each trade against the quote prevailing when it printed.
///
/// The prevailing quote is the newest quote fed before the trade. In the engine's merged stream quotes
/// come before trades at equal timestamps, so a quote with the trade's own SIP timestamp prevails.
/// Trades count when their price is current — ``BarEligibility/updatesOpenClose`` (late / out-of-sequence
/// reports, average-price, Form T, odd lots, derivatively priced and prior-reference trades are left out:
/// their price cannot be compared with the quote at their SIP time) — and their size is positive.
/// A trade with no usable prevailing quote (none yet, crossed, or one-sided with a zero price) is counted
/// in ``Output/unmatchedTrades`` and otherwise ignored. A locked quote is usable (mid = its price).
/// Outputs: equal-weighted and size-weighted means, in cents (`100 × 2|p − m|`) and basis points of the
/// mid (`10⁴ × 2|p − m| / m`). Warm-up: `nil` before the first matched trade. Units: cents, basis points.
public struct EffectiveSpread: Sendable, Hashable {
    /// Means over the matched trades.
    public struct Output: Sendable, Hashable {
        public var meanCents: Double
        public var volumeWeightedMeanCents: Double
        public var meanBasisPoints: Double
        public var volumeWeightedMeanBasisPoints: Double
        public var matchedTrades: Int
        public var unmatchedTrades: Int
    }

    private var quote = PrevailingQuote()
    private var count = 0
    private var unmatched = 0
    private var volume = 0.0
    private var sumCents = 0.0
    private var sumBasisPoints = 0.0
    private var sizeWeightedCents = 0.0
    private var sizeWeightedBasisPoints = 0.0

    public init() {}

    /// Adds a quote; it prevails for the trades that follow.
    public mutating func add(_ quote: Quote) {
        self.quote.update(quote)
    }

    /// Adds a trade if its price is current.
    public mutating func add(_ trade: Trade) {
        guard trade.barEligibility.updatesOpenClose else { return }
        add(price: trade.price, size: trade.size)
    }

    /// Adds an eligible trade given by price and size.
    public mutating func add(price: Double, size: Double) {
        guard size > 0 else { return }
        guard let mid = quote.mid else {
            unmatched += 1
            return
        }
        let spread = 2 * abs(price - mid)
        let cents = 100 * spread
        let basisPoints = 10_000 * spread / mid
        count += 1
        volume += size
        sumCents += cents
        sumBasisPoints += basisPoints
        sizeWeightedCents += cents * size
        sizeWeightedBasisPoints += basisPoints * size
    }

    /// Means over the matched trades, `nil` before the first.
    public var value: Output? {
        guard count > 0 else { return nil }
        let n = Double(count)
        return Output(
            meanCents: sumCents / n, volumeWeightedMeanCents: sizeWeightedCents / volume,
            meanBasisPoints: sumBasisPoints / n, volumeWeightedMeanBasisPoints: sizeWeightedBasisPoints / volume,
            matchedTrades: count, unmatchedTrades: unmatched
        )
    }
}
