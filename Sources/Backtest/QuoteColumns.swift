import MarketData

/// One NBBO update as adapters see it, read from ``QuoteColumns``.
public struct QuoteRecord: Hashable, Sendable {
    /// SIP timestamp, the time of visibility.
    public var time: Timestamp
    public var bidPrice: Double
    public var bidSize: Double
    public var askPrice: Double
    public var askSize: Double
    public var sequenceNumber: Int64
    /// Polygon's exchange ids of the best bid and the best ask (e.g. 11 NYSE Arca, 12 Nasdaq).
    public var bidExchange: Int
    public var askExchange: Int

    public init(
        time: Timestamp, bidPrice: Double, bidSize: Double = 1, askPrice: Double, askSize: Double = 1, sequenceNumber: Int64,
        bidExchange: Int = 0, askExchange: Int = 0
    ) {
        self.time = time
        self.bidPrice = bidPrice
        self.bidSize = bidSize
        self.askPrice = askPrice
        self.askSize = askSize
        self.sequenceNumber = sequenceNumber
        self.bidExchange = bidExchange
        self.askExchange = askExchange
    }
}

/// Quotes of one symbol in SIP-time order, column by column.
public final class QuoteColumns: TapeColumns {
    public let times: [Int64]
    public let bidPrices: [Double]
    public let bidSizes: [Double]
    public let askPrices: [Double]
    public let askSizes: [Double]
    public let sequenceNumbers: [Int64]
    public let bidExchanges: [Int32]
    public let askExchanges: [Int32]

    public init(_ quotes: [Quote]) {
        times = quotes.map(\.sipTimestamp.nanoseconds)
        bidPrices = quotes.map(\.bidPrice)
        bidSizes = quotes.map(\.bidSize)
        askPrices = quotes.map(\.askPrice)
        askSizes = quotes.map(\.askSize)
        sequenceNumbers = quotes.map(\.sequenceNumber)
        bidExchanges = quotes.map { Int32(truncatingIfNeeded: $0.bidExchange) }
        askExchanges = quotes.map { Int32(truncatingIfNeeded: $0.askExchange) }
    }

    public init(records: [QuoteRecord]) {
        times = records.map(\.time.nanoseconds)
        bidPrices = records.map(\.bidPrice)
        bidSizes = records.map(\.bidSize)
        askPrices = records.map(\.askPrice)
        askSizes = records.map(\.askSize)
        sequenceNumbers = records.map(\.sequenceNumber)
        bidExchanges = records.map { Int32(truncatingIfNeeded: $0.bidExchange) }
        askExchanges = records.map { Int32(truncatingIfNeeded: $0.askExchange) }
    }

    public var count: Int { times.count }
    public var startTimes: [Int64] { times }
    public var visibleTimes: [Int64] { times }
    public static var visibleAtFrontier: Bool { false }

    @inlinable
    public func record(at index: Int) -> QuoteRecord {
        QuoteRecord(
            time: Timestamp(nanoseconds: times[index]), bidPrice: bidPrices[index], bidSize: bidSizes[index],
            askPrice: askPrices[index], askSize: askSizes[index], sequenceNumber: sequenceNumbers[index],
            bidExchange: Int(bidExchanges[index]), askExchange: Int(askExchanges[index])
        )
    }
}
