import MarketData

/// Quote and trade rows in the merged stream's order (quotes before trades at equal SIP times, each kind
/// in row order), read from the columns' times alone: the one merge rule of the passes and readers that
/// walk columns (``WindowSums``, KyleLambda's intervals).
///
/// Unlike ``MergedEventStream`` it takes no bars, builds no record and runs no clock: the rows of a column
/// are already in key order (what the clock checks on the per-entry path, which stays the reference).
public struct ColumnMerge: Sendable {
    /// A row of the quote or the trade columns.
    public enum Row: Hashable, Sendable {
        case quote(Int)
        case trade(Int)
    }

    @usableFromInline let quoteTimes: [Int64]
    @usableFromInline let tradeTimes: [Int64]
    @usableFromInline var quote: Int
    @usableFromInline let quoteEnd: Int
    @usableFromInline var trade: Int
    @usableFromInline let tradeEnd: Int

    /// `quoteRows` of `quotes` (none when `nil`) merged with `tradeRows` of `trades`.
    @inlinable
    public init(quotes: QuoteColumns?, rows quoteRows: Range<Int>, trades: TradeColumns, rows tradeRows: Range<Int>) {
        quoteTimes = quotes?.times ?? []
        tradeTimes = trades.times
        quote = quotes == nil ? 0 : quoteRows.lowerBound
        quoteEnd = quotes == nil ? 0 : quoteRows.upperBound
        trade = tradeRows.lowerBound
        tradeEnd = tradeRows.upperBound
    }

    /// The rows two views show.
    @inlinable
    public init(quotes: TapeView<QuoteColumns>?, trades: TapeView<TradeColumns>) {
        self.init(
            quotes: quotes?.columns, rows: quotes.map { $0.lower..<$0.upper } ?? 0..<0, trades: trades.columns, rows: trades.lower..<trades.upper)
    }

    /// The next row, `nil` at the end.
    @inlinable
    public mutating func next() -> Row? {
        if quote < quoteEnd, trade == tradeEnd || quoteTimes[quote] <= tradeTimes[trade] {
            defer { quote += 1 }
            return .quote(quote)
        }
        guard trade < tradeEnd else { return nil }
        defer { trade += 1 }
        return .trade(trade)
    }
}
