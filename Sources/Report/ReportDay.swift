import MarketData

/// The market data of one symbol-day that the report's entries share: 1-minute bars over the union of
/// their chart spans, and the trades and quotes shortly before each entry (each entry points at its
/// slice), so that many entries on one day cost the data once.
public struct ReportDay: Hashable, Sendable {
    public var symbol: String
    public var date: LocalDate
    /// New York midnight of `date`: chart times are seconds after it.
    public var midnight: Timestamp
    /// The day's sessions, for the pre- and post-market shading.
    public var sessions: TradingSessions
    /// 1-minute bars, by start.
    public var bars: [Bar]
    /// Trades near the entries, in tape order.
    public var trades: [ReportTrade]
    /// Quotes near the entries (and the one in force before each slice), in tape order.
    public var quotes: [ReportQuote]

    public init(
        symbol: String, date: LocalDate, midnight: Timestamp, sessions: TradingSessions, bars: [Bar] = [], trades: [ReportTrade] = [],
        quotes: [ReportQuote] = []
    ) {
        self.symbol = symbol
        self.date = date
        self.midnight = midnight
        self.sessions = sessions
        self.bars = bars
        self.trades = trades
        self.quotes = quotes
    }

    /// Seconds from ``midnight`` to `instant`.
    public func seconds(_ instant: Timestamp) -> Double {
        Double(instant.nanoseconds - midnight.nanoseconds) / 1e9
    }
}
