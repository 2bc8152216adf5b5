import MarketData

/// The data of one symbol-day, fetched once and shared, immutable, by every adapter and entry.
///
/// Built by ``BacktestRunner`` from one fetch per kind; bars of every required timeframe are aggregated
/// from the 1-minute bars by ``BarAggregator``. Adapters never see it: they get ``TapeView``s bounded by
/// their entry time through ``EntryContext``.
public struct DataCache: Sendable {
    public let symbol: Symbol
    /// The New York date of the entries.
    public let date: LocalDate
    /// What was fetched, per kind (absent kinds were not needed).
    public let windows: [DataKind: TimeWindow]
    let trades: TradeColumns?
    let quotes: QuoteColumns?
    let bars: [Timeframe: BarColumns]

    /// A cache from fetched records; `timeframes` are aggregated from `minuteBars`, and trade
    /// eligibility comes from `conditions`, the source's trade-condition table.
    public init(
        symbol: Symbol, date: LocalDate, windows: [DataKind: TimeWindow], minuteBars: [Bar]?, timeframes: Set<Timeframe>,
        trades: [Trade]?, quotes: [Quote]?, conditions: TradeConditionTable = .builtIn, calendar: SessionCalendar = .nyse
    ) {
        self.init(
            symbol: symbol, date: date, windows: windows, minuteBars: minuteBars, timeframes: timeframes,
            tradeColumns: trades.map { TradeColumns($0, table: conditions) }, quoteColumns: quotes.map(QuoteColumns.init), calendar: calendar)
    }

    /// A cache from fetched bars with the trades and quotes already in columns (``TradeColumns/Builder``,
    /// ``QuoteColumns/Builder``).
    public init(
        symbol: Symbol, date: LocalDate, windows: [DataKind: TimeWindow], minuteBars: [Bar]?, timeframes: Set<Timeframe>,
        tradeColumns: TradeColumns?, quoteColumns: QuoteColumns?, calendar: SessionCalendar = .nyse
    ) {
        self.symbol = symbol
        self.date = date
        self.windows = windows
        self.trades = tradeColumns
        self.quotes = quoteColumns
        var bars: [Timeframe: BarColumns] = [:]
        if let minuteBars {
            for timeframe in timeframes {
                bars[timeframe] = BarColumns(BarAggregator.aggregate(minuteBars, to: timeframe, calendar: calendar), timeframe: timeframe)
            }
        }
        self.bars = bars
    }

    /// A cache from ready-made columns (tests, benchmarks).
    public init(symbol: Symbol, date: LocalDate, trades: TradeColumns?, quotes: QuoteColumns?, bars: [Timeframe: BarColumns]) {
        self.symbol = symbol
        self.date = date
        self.windows = [:]
        self.trades = trades
        self.quotes = quotes
        self.bars = bars
    }

    /// Trades in [start, frontier), or `nil` if trades were not fetched.
    public func trades(
        from start: Timestamp, frontier: Timestamp, reader: String = "", auditor: ViolationRecorder? = nil
    ) -> TapeView<TradeColumns>? {
        trades.map { TapeView($0, start: start, frontier: frontier, reader: reader, auditor: auditor) }
    }

    /// Quotes in [start, frontier), or `nil` if quotes were not fetched.
    public func quotes(
        from start: Timestamp, frontier: Timestamp, reader: String = "", auditor: ViolationRecorder? = nil
    ) -> TapeView<QuoteColumns>? {
        quotes.map { TapeView($0, start: start, frontier: frontier, reader: reader, auditor: auditor) }
    }

    /// Bars of `timeframe` starting at or after `start` and ending at or before `frontier`, or `nil` if
    /// that timeframe was not built.
    public func bars(
        _ timeframe: Timeframe, from start: Timestamp, frontier: Timestamp, reader: String = "", auditor: ViolationRecorder? = nil
    ) -> TapeView<BarColumns>? {
        bars[timeframe].map { TapeView($0, start: start, frontier: frontier, reader: reader, auditor: auditor) }
    }
}
