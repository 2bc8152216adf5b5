import MarketData

/// An NBBO update as the report draws it: the bid/ask band.
public struct ReportQuote: Hashable, Sendable {
    public var time: Timestamp
    public var bid: Double
    public var ask: Double

    public init(time: Timestamp, bid: Double, ask: Double) {
        self.time = time
        self.bid = bid
        self.ask = ask
    }
}
