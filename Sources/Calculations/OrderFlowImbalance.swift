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
/// for Polygon), positive = buying pressure; normalized is dimensionless.
public struct OrderFlowImbalance: Sendable, Hashable {
    private struct Top: Sendable, Hashable {
        var bid: Double
        var bidSize: Double
        var ask: Double
        var askSize: Double
    }

    private var previous: Top?
    /// Number of eₙ terms summed.
    public private(set) var eventCount = 0
    private var sum = 0.0
    private var depthSum = 0.0
    private var depthCount = 0

    public init() {}

    /// Adds the next quote.
    public mutating func add(_ quote: Quote) {
        guard PrevailingQuote.isUsable(quote), quote.bidSize >= 0, quote.askSize >= 0 else {
            previous = nil
            return
        }
        depthSum += (quote.bidSize + quote.askSize) / 2
        depthCount += 1
        if let p = previous {
            var e = 0.0
            if quote.bidPrice >= p.bid { e += quote.bidSize }
            if quote.bidPrice <= p.bid { e -= p.bidSize }
            if quote.askPrice <= p.ask { e -= quote.askSize }
            if quote.askPrice >= p.ask { e += p.askSize }
            sum += e
            eventCount += 1
        }
        previous = Top(bid: quote.bidPrice, bidSize: quote.bidSize, ask: quote.askPrice, askSize: quote.askSize)
    }

    /// `Σ eₙ`, `nil` before the first event.
    public var value: Double? { eventCount > 0 ? sum : nil }

    /// Mean depth `(bidSize + askSize) / 2` over usable quotes.
    public var meanDepth: Double? { depthCount > 0 ? depthSum / Double(depthCount) : nil }

    /// `OFI / meanDepth`, `nil` before the first event or with zero depth.
    public var normalized: Double? {
        guard let value, let meanDepth, meanDepth > 0 else { return nil }
        return value / meanDepth
    }
}
