/// The tick test: a trade above the last different price is an uptick (buy), below it a downtick (sell).
///
/// Conventions:
/// - a trade at the same price as the previous one is a zero tick and takes the direction of the last
///   non-zero tick (zero-uptick → buy, zero-downtick → sell);
/// - until a second, different price has been seen the direction is ``TradeSide/unknown``;
/// - only prices passed to ``observe(_:)`` move the reference, so a caller decides which trades may set a
///   reference price (TapeDeck: those that may update a consolidated bar's last or high/low).
/// Pure: values in, values out.
public struct TickTest: Sendable, Hashable {
    /// The last price observed, `nil` before the first.
    public private(set) var lastPrice: Double?
    /// The direction of the last non-zero tick.
    public private(set) var lastDirection: TradeSide = .unknown

    public init() {}

    /// The side of a trade at `price`, against the prices observed so far (does not change state).
    public func classify(_ price: Double) -> TradeSide {
        guard let lastPrice else { return .unknown }
        if price > lastPrice { return .buy }
        if price < lastPrice { return .sell }
        return lastDirection
    }

    /// Records `price` as the latest reference price.
    public mutating func observe(_ price: Double) {
        lastDirection = classify(price)
        lastPrice = price
    }
}
