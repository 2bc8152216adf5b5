import MarketData

/// A whole simulated symbol-day, materialised: every trade, quote and 1-minute bar from the pre-market
/// open to the post-market close. Empty on a closed day.
public struct SimulatedDay: Hashable, Sendable {
    public var symbol: Symbol
    public var date: LocalDate
    public var profile: LiquidityProfile
    /// The day's sessions, or `nil` when the market is closed.
    public var sessions: TradingSessions?
    /// Trades, sorted by (SIP timestamp, sequence number).
    public var trades: [Trade]
    /// Quotes, sorted by (SIP timestamp, sequence number).
    public var quotes: [Quote]
    /// 1-minute bars by start, built from ``trades`` with ``BarBuilder``.
    public var bars: [Bar]

    public init(
        symbol: Symbol, date: LocalDate, profile: LiquidityProfile, sessions: TradingSessions?, trades: [Trade],
        quotes: [Quote], bars: [Bar]
    ) {
        self.symbol = symbol
        self.date = date
        self.profile = profile
        self.sessions = sessions
        self.trades = trades
        self.quotes = quotes
        self.bars = bars
    }

    /// Whether the market was closed (no sessions, no data).
    public var isClosed: Bool { sessions == nil }
}
