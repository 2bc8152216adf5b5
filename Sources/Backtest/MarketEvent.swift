import MarketData

/// One event of the merged stream: a bar closing, a quote or a trade.
public enum MarketEvent: Hashable, Sendable, CustomStringConvertible {
    case barClose(BarRecord)
    case quote(QuoteRecord)
    case trade(TradeRecord)

    /// When the event happens: SIP time, or a bar's end.
    public var time: Timestamp {
        switch self {
        case .barClose(let bar): bar.end
        case .quote(let quote): quote.time
        case .trade(let trade): trade.time
        }
    }

    /// `trade at 2024-03-15T14:30:00Z seq 17 (501.25 x 100)` and the like, for error messages.
    public var description: String {
        switch self {
        case .barClose(let bar): "\(bar.timeframe) bar close at \(bar.end) (start \(bar.start))"
        case .quote(let q): "quote at \(q.time) seq \(q.sequenceNumber) (\(q.bidPrice) x \(q.askPrice))"
        case .trade(let t): "trade at \(t.time) seq \(t.sequenceNumber) (\(t.price) x \(t.size))"
        }
    }
}

/// The order of the merged stream: (time, rank, sequence number, source index).
///
/// Rank puts bar closes (0) before quotes (1) before trades (2) at equal times, so a trade sees the quote
/// stamped with its own SIP time and a bar that closes at an instant is known at that instant. Bars carry
/// their row index as sequence number. Keys of distinct events are unique; the clock relies on it.
public struct EventKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var time: Int64
    public var rank: UInt8
    public var sequenceNumber: Int64
    public var sourceIndex: Int

    public init(time: Int64, rank: UInt8, sequenceNumber: Int64, sourceIndex: Int) {
        self.time = time
        self.rank = rank
        self.sequenceNumber = sequenceNumber
        self.sourceIndex = sourceIndex
    }

    public static let barRank: UInt8 = 0
    public static let quoteRank: UInt8 = 1
    public static let tradeRank: UInt8 = 2

    @inlinable
    public static func < (a: EventKey, b: EventKey) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.rank != b.rank { return a.rank < b.rank }
        if a.sequenceNumber != b.sequenceNumber { return a.sequenceNumber < b.sequenceNumber }
        return a.sourceIndex < b.sourceIndex
    }

    public var description: String { "(\(Timestamp(nanoseconds: time)), rank \(rank), seq \(sequenceNumber), source \(sourceIndex))" }
}
