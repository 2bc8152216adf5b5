import MarketData

/// Quotes and trades of two views in the merged stream's order (quotes before trades at equal SIP times,
/// each kind in row order), read straight from the columns: the fast walk of one-pass passes and readers.
///
/// Unlike ``MergedEventStream`` it takes no bars and runs no clock: the rows of a view are already in
/// key order (what the clock checks on the per-entry path, which stays the reference).
@usableFromInline
struct ColumnMerge {
    @usableFromInline let quotes: QuoteColumns?
    @usableFromInline let trades: TradeColumns
    @usableFromInline var quote: Int
    @usableFromInline let quoteEnd: Int
    @usableFromInline var trade: Int
    @usableFromInline let tradeEnd: Int

    @inlinable
    init(quotes: TapeView<QuoteColumns>?, trades: TapeView<TradeColumns>) {
        self.quotes = quotes?.columns
        self.trades = trades.columns
        quote = quotes?.lower ?? 0
        quoteEnd = quotes?.upper ?? 0
        trade = trades.lower
        tradeEnd = trades.upper
    }

    /// The next event and, for a trade, its row among the columns' rows; `nil` at the end.
    @inlinable
    mutating func next() -> (event: MarketEvent, tradeRow: Int?)? {
        if quote < quoteEnd, let quotes, trade == tradeEnd || quotes.times[quote] <= trades.times[trade] {
            defer { quote += 1 }
            return (.quote(quotes.record(at: quote)), nil)
        }
        guard trade < tradeEnd else { return nil }
        defer { trade += 1 }
        return (.trade(trades.record(at: trade)), trade)
    }
}
