import MarketData

/// What one adapter may see for one entry: views over its declared windows, bounded by the entry time.
///
/// Asking for data the adapter did not declare throws ``TapeDeckError`` (`undeclaredData`): the view's
/// lower bound is the declared lookback, so an adapter's result can only depend on its declared window.
public struct EntryContext: Sendable {
    public let symbol: Symbol
    /// The entry time E, the frontier of every view.
    public let entry: Timestamp
    let cache: DataCache
    let adapter: String
    let requirements: [DataRequirement]
    let calendar: SessionCalendar
    /// Records back-door reads of every view handed out (the audit's guard); `nil` outside the audit.
    let auditor: ViolationRecorder?

    public init(
        cache: DataCache, entry: Timestamp, adapter: String, requirements: [DataRequirement], calendar: SessionCalendar = .nyse,
        auditor: ViolationRecorder? = nil
    ) {
        self.symbol = cache.symbol
        self.entry = entry
        self.cache = cache
        self.adapter = adapter
        self.requirements = requirements
        self.calendar = calendar
        self.auditor = auditor
    }

    /// Closed bars of `timeframe` inside the declared lookback (end ≤ E).
    public func bars(_ timeframe: Timeframe) throws(TapeDeckError) -> TapeView<BarColumns> {
        let start = try start(of: .bars(timeframe), what: "\(timeframe) bars")
        guard let view = cache.bars(timeframe, from: start, frontier: entry, reader: adapter, auditor: auditor) else {
            throw .undeclaredData(adapter: adapter, "\(timeframe) bars (not in the cache)")
        }
        return view
    }

    /// Trades inside the declared lookback with SIP time < E.
    public func trades() throws(TapeDeckError) -> TapeView<TradeColumns> {
        let start = try start(of: .trades, what: "trades")
        guard let view = cache.trades(from: start, frontier: entry, reader: adapter, auditor: auditor) else {
            throw .undeclaredData(adapter: adapter, "trades (not in the cache)")
        }
        return view
    }

    /// Quotes inside the declared lookback with SIP time < E.
    public func quotes() throws(TapeDeckError) -> TapeView<QuoteColumns> {
        let start = try start(of: .quotes, what: "quotes")
        guard let view = cache.quotes(from: start, frontier: entry, reader: adapter, auditor: auditor) else {
            throw .undeclaredData(adapter: adapter, "quotes (not in the cache)")
        }
        return view
    }

    /// The merged stream of the closes of `barTimeframes` (in timeframe order), quotes and trades, each
    /// over its declared window.
    public func events(bars barTimeframes: [Timeframe] = [], quotes: Bool = false, trades: Bool = false) throws(TapeDeckError)
        -> MergedEventStream
    {
        var barViews: [TapeView<BarColumns>] = []
        for timeframe in barTimeframes.sorted(by: { $0.minutes < $1.minutes }) { barViews.append(try bars(timeframe)) }
        return MergedEventStream(bars: barViews, quotes: quotes ? try self.quotes() : nil, trades: trades ? try self.trades() : nil)
    }

    private func start(of kind: DataRequirement.Kind, what: String) throws(TapeDeckError) -> Timestamp {
        var earliest: Timestamp?
        for requirement in requirements where requirement.kind == kind {
            let start = try requirement.windowStart(before: entry, calendar: calendar)
            earliest = min(earliest ?? start, start)
        }
        guard let earliest else { throw .undeclaredData(adapter: adapter, what) }
        return earliest
    }
}
