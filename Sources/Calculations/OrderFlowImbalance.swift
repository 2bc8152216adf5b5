import MarketData

/// Order-flow imbalance (Cont, Kukanov and Stoikov 2014) summed over the quotes fed.
///
/// For consecutive usable quotes `n−1, n` with bid `Pᵇ`, bid size `qᵇ`, ask `Pᵃ`, ask size `qᵃ`:
/// `eₙ = 1{Pᵇₙ ≥ Pᵇₙ₋₁}·qᵇₙ − 1{Pᵇₙ ≤ Pᵇₙ₋₁}·qᵇₙ₋₁ − 1{Pᵃₙ ≤ Pᵃₙ₋₁}·qᵃₙ + 1{Pᵃₙ ≥ Pᵃₙ₋₁}·qᵃₙ₋₁`,
/// and `OFI = Σ eₙ`. ``normalized`` divides by the mean depth `(qᵇ + qᵃ) / 2` over the usable quotes, as
/// CKS scale by average depth. Usable: both prices positive, bid ≤ ask (locked included), sizes ≥ 0.
/// A crossed or one-sided quote breaks the chain: the next usable quote only becomes the new reference
/// (no flow is inferred across the gap). Equal timestamps: each quote is an event in the order fed.
/// Warm-up: `nil` until one event (two consecutive usable quotes). Units: quote-size units (round lots
/// for Polygon), positive = buying pressure; normalized is dimensionless. Sums are exact (``ExactSum``).
public struct OrderFlowImbalance: Sendable, Hashable {
    /// The best bid and offer of a usable quote.
    public struct Top: Sendable, Hashable {
        public var bid: Double
        public var bidSize: Double
        public var ask: Double
        public var askSize: Double

        /// The top of `quote`, `nil` when the quote is unusable (it breaks the chain).
        public init?(_ quote: Quote) {
            self.init(usable: quote.bidPrice, bidSize: quote.bidSize, ask: quote.askPrice, askSize: quote.askSize)
        }

        /// The top of a quote given by its prices and sizes, `nil` when it is unusable.
        public init?(usable bid: Double, bidSize: Double, ask: Double, askSize: Double) {
            guard PrevailingQuote.isUsable(bid: bid, ask: ask), bidSize >= 0, askSize >= 0 else { return nil }
            self.init(bid: bid, bidSize: bidSize, ask: ask, askSize: askSize)
        }

        public init(bid: Double, bidSize: Double, ask: Double, askSize: Double) {
            self.bid = bid
            self.bidSize = bidSize
            self.ask = ask
            self.askSize = askSize
        }

        /// Its depth term `(bidSize + askSize) / 2`.
        public var depth: Double { (bidSize + askSize) / 2 }
    }

    private var previous: Top?
    /// Number of eₙ terms summed.
    public private(set) var eventCount = 0
    private var sum = ExactSum()
    private var depthSum = ExactSum()
    private var depthCount = 0

    public init() {}

    /// `eₙ` of the usable quote `top` after the usable quote `previous`.
    public static func flow(from previous: Top, to top: Top) -> Double {
        var e = 0.0
        if top.bid >= previous.bid { e += top.bidSize }
        if top.bid <= previous.bid { e -= previous.bidSize }
        if top.ask <= previous.ask { e -= top.askSize }
        if top.ask >= previous.ask { e += previous.askSize }
        return e
    }

    /// Adds the next quote.
    public mutating func add(_ quote: Quote) {
        guard let top = Top(quote) else {
            previous = nil
            return
        }
        depthSum.add(top.depth)
        depthCount += 1
        if let previous {
            sum.add(Self.flow(from: previous, to: top))
            eventCount += 1
        }
        previous = top
    }

    /// `Σ eₙ`, `nil` before the first event.
    public var value: Double? { eventCount > 0 ? sum.value : nil }

    /// Mean depth `(bidSize + askSize) / 2` over usable quotes.
    public var meanDepth: Double? { depthCount > 0 ? depthSum.value / Double(depthCount) : nil }

    /// `OFI / meanDepth`, `nil` before the first event or with zero depth.
    public var normalized: Double? { Self.normalized(sum: sum, eventCount: eventCount, depthSum: depthSum, depthCount: depthCount) }

    /// `Σ eₙ / mean depth` from the sums: the one definition that ``normalized`` and a one-pass reader use.
    public static func normalized(sum: ExactSum, eventCount: Int, depthSum: ExactSum, depthCount: Int) -> Double? {
        guard eventCount > 0, depthCount > 0 else { return nil }
        let meanDepth = depthSum.value / Double(depthCount)
        guard meanDepth > 0 else { return nil }
        return sum.value / meanDepth
    }
}
