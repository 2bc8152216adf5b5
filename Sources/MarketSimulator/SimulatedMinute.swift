import MarketData

/// The events of one minute of a simulated symbol-day, in SIP-time order.
public struct SimulatedMinute: Hashable, Sendable {
    /// Index of the minute in its day (0 starts at 04:00 New York time).
    public var index: Int
    /// The minute's SIP-time window.
    public var window: TimeWindow
    /// Trades, sorted by (SIP timestamp, sequence number).
    public var trades: [Trade]
    /// Quotes, sorted by (SIP timestamp, sequence number).
    public var quotes: [Quote]
    /// The minute's 1-minute bar, built with ``BarBuilder`` from all of the minute's trades; `nil` when no
    /// trade may set an open/close (no trades, or only odd lots and Form T prints).
    public var bar: Bar?

    public init(index: Int, window: TimeWindow, trades: [Trade], quotes: [Quote], bar: Bar?) {
        self.index = index
        self.window = window
        self.trades = trades
        self.quotes = quotes
        self.bar = bar
    }
}
