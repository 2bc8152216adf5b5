import MarketData

/// One event of Polygon's stocks WebSocket feed (`shared/reference/polygon-websocket.md`): a trade (`T`),
/// an NBBO quote (`Q`), or a minute (`AM`) or second (`A`) aggregate.
public enum FeedEvent: Hashable, Sendable {
    case trade(Symbol, Trade)
    case quote(Symbol, Quote)
    case aggregate(FeedAggregate)

    /// The symbol the event is about.
    public var symbol: Symbol {
        switch self {
        case .trade(let symbol, _), .quote(let symbol, _): symbol
        case .aggregate(let aggregate): aggregate.symbol
        }
    }

    /// When the event becomes known: a trade's or quote's SIP time, an aggregate's end.
    public var time: Timestamp {
        switch self {
        case .trade(_, let trade): trade.sipTimestamp
        case .quote(_, let quote): quote.sipTimestamp
        case .aggregate(let aggregate): aggregate.end
        }
    }
}

/// An `AM` or `A` event: one bar plus the day's running figures the feed sends with it.
public struct FeedAggregate: Hashable, Sendable {
    public enum Span: String, Hashable, Sendable {
        /// `AM`: a minute bar.
        case minute = "AM"
        /// `A`: a one-second bar.
        case second = "A"
    }

    public var span: Span
    public var symbol: Symbol
    /// Open, high, low, close, volume, VWAP and trade count of the bar (its own `start` is ignored).
    public var bar: Bar
    /// The bar's start and end (`s` and `e`).
    public var start: Timestamp
    public var end: Timestamp
    /// `av`: the day's volume up to and including this bar.
    public var accumulatedVolume: Double
    /// `op`: the day's official open (the first regular-session bar's open; before 09:30, the first bar's).
    public var officialOpen: Double
    /// `a`: the day's VWAP up to and including this bar.
    public var dayVWAP: Double?

    public init(
        span: Span, symbol: Symbol, bar: Bar, start: Timestamp, end: Timestamp, accumulatedVolume: Double, officialOpen: Double,
        dayVWAP: Double?
    ) {
        self.span = span
        self.symbol = symbol
        self.bar = bar
        self.start = start
        self.end = end
        self.accumulatedVolume = accumulatedVolume
        self.officialOpen = officialOpen
        self.dayVWAP = dayVWAP
    }
}
