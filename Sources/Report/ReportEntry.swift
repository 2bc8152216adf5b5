import MarketData

/// One entry of the run: who, when, every output, the start of each declared window, and its slices of
/// its day's trades and quotes.
public struct ReportEntry: Hashable, Sendable {
    /// The signal's id, if it had one.
    public var id: String?
    public var symbol: String
    public var entry: Timestamp
    /// Position of its symbol-day in ``ReportDocument/days``.
    public var day: Int
    /// One value per output column of the run (``ReportDocument/columns``), `nil` where undefined.
    public var values: [Double?]
    /// Per ``ReportDocument/requirements`` position: the first instant that window reads.
    public var windowStarts: [Timestamp]
    /// Its trades in ``ReportDay/trades``.
    public var trades: Range<Int>
    /// Its quotes in ``ReportDay/quotes``.
    public var quotes: Range<Int>

    public init(
        id: String?, symbol: String, entry: Timestamp, day: Int, values: [Double?], windowStarts: [Timestamp], trades: Range<Int> = 0..<0,
        quotes: Range<Int> = 0..<0
    ) {
        self.id = id
        self.symbol = symbol
        self.entry = entry
        self.day = day
        self.values = values
        self.windowStarts = windowStarts
        self.trades = trades
        self.quotes = quotes
    }
}
