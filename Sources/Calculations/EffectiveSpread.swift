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
/// mid (`10⁴ × 2|p − m| / m`); the sums are exact (``ExactSum``) and rounded once. Warm-up: `nil` before the first matched trade. Units: cents, basis points.
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
    private var volume = ExactSum()
    private var sumCents = ExactSum()
    private var sumBasisPoints = ExactSum()
    private var sizeWeightedCents = ExactSum()
    private var sizeWeightedBasisPoints = ExactSum()

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
        let terms = Self.terms(price: price, size: size, mid: mid)
        count += 1
        volume.add(size)
        sumCents.add(terms.cents)
        sumBasisPoints.add(terms.basisPoints)
        sizeWeightedCents.add(terms.sizeWeightedCents)
        sizeWeightedBasisPoints.add(terms.sizeWeightedBasisPoints)
    }

    /// What a matched trade adds to the sums: its effective spread in cents and basis points of `mid`,
    /// and both times its size.
    public static func terms(price: Double, size: Double, mid: Double) -> (
        cents: Double, basisPoints: Double, sizeWeightedCents: Double, sizeWeightedBasisPoints: Double
    ) {
        let spread = 2 * abs(price - mid)
        let cents = 100 * spread
        let basisPoints = 10_000 * spread / mid
        return (cents, basisPoints, cents * size, basisPoints * size)
    }

    /// Means of sums over matched trades: the one definition that ``value`` and a one-pass reader (which
    /// adds the same terms as prefix differences) both use.
    public static func output(
        count: Int, unmatched: Int, volume: ExactSum, cents: ExactSum, basisPoints: ExactSum, sizeWeightedCents: ExactSum,
        sizeWeightedBasisPoints: ExactSum
    ) -> Output? {
        guard count > 0 else { return nil }
        let n = Double(count)
        let volume = volume.value
        return Output(
            meanCents: cents.value / n, volumeWeightedMeanCents: sizeWeightedCents.value / volume,
            meanBasisPoints: basisPoints.value / n, volumeWeightedMeanBasisPoints: sizeWeightedBasisPoints.value / volume,
            matchedTrades: count, unmatchedTrades: unmatched
        )
    }

    /// Means over the matched trades, `nil` before the first.
    public var value: Output? {
        Self.output(
            count: count, unmatched: unmatched, volume: volume, cents: sumCents, basisPoints: sumBasisPoints,
            sizeWeightedCents: sizeWeightedCents, sizeWeightedBasisPoints: sizeWeightedBasisPoints)
    }
}
