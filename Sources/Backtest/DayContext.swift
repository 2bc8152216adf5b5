import MarketData

/// What a one-pass adapter's ``OnePassAdapter/prepare(_:)`` reads: every record of the kinds it declared,
/// as fetched for the symbol-day (the lookbacks of all entries, and for the audit its future horizon).
///
/// There is no frontier here; the pass is trusted to be causal and the audit checks it (see
/// ``OnePassAdapter``). Reading a kind the adapter did not declare throws `undeclaredData`, as in
/// ``EntryContext``.
public struct DayContext: Sendable {
    public let symbol: Symbol
    /// The New York date of the entries.
    public let date: LocalDate
    /// How many entries the reader will be asked for (a hint, not their times): a pass may choose a
    /// structure that pays off only over many entries. The values must not depend on it.
    public let entryCount: Int
    let cache: DataCache
    let adapter: String
    let requirements: [DataRequirement]

    public init(cache: DataCache, adapter: String, requirements: [DataRequirement], entryCount: Int = 1) {
        self.symbol = cache.symbol
        self.date = cache.date
        self.entryCount = entryCount
        self.cache = cache
        self.adapter = adapter
        self.requirements = requirements
    }

    /// Every fetched trade.
    public func trades() throws(TapeDeckError) -> TapeView<TradeColumns> {
        guard requirements.contains(where: { $0.kind == .trades }) else { throw .undeclaredData(adapter: adapter, "trades") }
        guard let view = cache.trades(from: Self.start, frontier: Self.end, reader: adapter) else {
            throw .undeclaredData(adapter: adapter, "trades (not in the cache)")
        }
        return view
    }

    /// Every fetched quote.
    public func quotes() throws(TapeDeckError) -> TapeView<QuoteColumns> {
        guard requirements.contains(where: { $0.kind == .quotes }) else { throw .undeclaredData(adapter: adapter, "quotes") }
        guard let view = cache.quotes(from: Self.start, frontier: Self.end, reader: adapter) else {
            throw .undeclaredData(adapter: adapter, "quotes (not in the cache)")
        }
        return view
    }

    /// Every fetched bar of `timeframe`.
    public func bars(_ timeframe: Timeframe) throws(TapeDeckError) -> TapeView<BarColumns> {
        guard requirements.contains(where: { $0.kind == .bars(timeframe) }) else { throw .undeclaredData(adapter: adapter, "\(timeframe) bars") }
        guard let view = cache.bars(timeframe, from: Self.start, frontier: Self.end, reader: adapter) else {
            throw .undeclaredData(adapter: adapter, "\(timeframe) bars (not in the cache)")
        }
        return view
    }

    /// Every fetched trade, as the columns themselves: a pass's fast path over the same rows as
    /// ``trades()``, whose row `i` is row `i` here (an entry's view starts at its ``TapeView/dayOffset``).
    public func tradeColumns() throws(TapeDeckError) -> TradeColumns { try trades().columns }

    /// Every fetched quote, as the columns themselves (see ``tradeColumns()``).
    public func quoteColumns() throws(TapeDeckError) -> QuoteColumns { try quotes().columns }

    /// Every fetched quote and trade (as asked), merged in ``EventKey`` order.
    public func events(quotes: Bool = false, trades: Bool = false) throws(TapeDeckError) -> MergedEventStream {
        MergedEventStream(quotes: quotes ? try self.quotes() : nil, trades: trades ? try self.trades() : nil)
    }

    /// Bounds no recorded instant reaches (the end leaves room for a bar view's inclusive frontier).
    private static let start = Timestamp(nanoseconds: .min)
    private static let end = Timestamp(nanoseconds: .max - 1)
}
