import MarketData

/// A trade as the report draws it: time, price, size and its Lee-Ready side.
public struct ReportTrade: Hashable, Sendable {
    public var time: Timestamp
    public var price: Double
    public var size: Double
    /// `+1` buy, `-1` sell, `0` unclassified (Lee-Ready: quote rule, tick test at the midpoint).
    public var side: Int

    public init(time: Timestamp, price: Double, size: Double, side: Int) {
        self.time = time
        self.price = price
        self.size = size
        self.side = side
    }
}
