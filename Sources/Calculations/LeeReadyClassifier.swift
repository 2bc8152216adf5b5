/// The Lee-Ready (1991) trade classification against the prevailing NBBO, with the tick test as fallback.
///
/// Conventions (TapeDeck's; Lee and Ready leave the modern details open):
/// - **prevailing quote**: the latest quote given to ``updateQuote(bid:ask:)`` before the trade. With
///   SIP timestamps no 5-second lag is applied; a caller feeding a merged stream passes quotes before
///   trades at equal SIP time, so a quote stamped with the trade's time prevails.
/// - **usable quote**: two-sided (bid > 0 and ask > 0) and not crossed (bid ≤ ask). A one-sided or
///   crossed quote makes the NBBO unusable until the next usable quote: trades then fall back to the
///   tick test. A locked quote (bid = ask) is usable: its midpoint is that price.
/// - **quote rule**: price above the midpoint → buy, below → sell (so trades outside the spread are
///   classified by which side they are beyond).
/// - **at the midpoint** (exactly equal), or with no usable quote: the tick test (``TickTest``).
/// - a trade classified by ``classify(price:updatesReference:)`` moves the tick-test reference only when
///   `updatesReference` is true.
/// Pure: values in, values out.
public struct LeeReadyClassifier: Sendable, Hashable {
    /// Which rule decided a classification.
    public enum Rule: Sendable, Hashable {
        case quote
        case tick
    }

    private var bid = 0.0
    private var ask = 0.0
    /// Whether the prevailing quote is usable.
    public private(set) var hasUsableQuote = false
    /// The fallback tick test and its reference price.
    public private(set) var tickTest = TickTest()

    public init() {}

    /// The prevailing NBBO changed.
    public mutating func updateQuote(bid: Double, ask: Double) {
        self.bid = bid
        self.ask = ask
        hasUsableQuote = bid > 0 && ask > 0 && bid <= ask
    }

    /// The midpoint of the prevailing quote, or `nil` when it is not usable.
    public var midpoint: Double? { hasUsableQuote ? (bid + ask) / 2 : nil }

    /// The side of a trade at `price` and the rule that decided it; records the price as the tick
    /// reference when `updatesReference` is true.
    public mutating func classify(price: Double, updatesReference: Bool = true) -> (side: TradeSide, rule: Rule) {
        let result: (TradeSide, Rule)
        if let mid = midpoint, price != mid {
            result = (price > mid ? .buy : .sell, .quote)
        } else {
            result = (tickTest.classify(price), .tick)
        }
        if updatesReference { tickTest.observe(price) }
        return result
    }
}
