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

    public init(time: Timestamp, bidPrice: Double, bidSize: Double = 1, askPrice: Double, askSize: Double = 1, sequenceNumber: Int64) {
        self.time = time
        self.bidPrice = bidPrice
        self.bidSize = bidSize
        self.askPrice = askPrice
        self.askSize = askSize
        self.sequenceNumber = sequenceNumber
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

    public init(_ quotes: [Quote]) {
        times = quotes.map(\.sipTimestamp.nanoseconds)
        bidPrices = quotes.map(\.bidPrice)
        bidSizes = quotes.map(\.bidSize)
        askPrices = quotes.map(\.askPrice)
        askSizes = quotes.map(\.askSize)
        sequenceNumbers = quotes.map(\.sequenceNumber)
    }

    public init(records: [QuoteRecord]) {
        times = records.map(\.time.nanoseconds)
        bidPrices = records.map(\.bidPrice)
        bidSizes = records.map(\.bidSize)
        askPrices = records.map(\.askPrice)
        askSizes = records.map(\.askSize)
        sequenceNumbers = records.map(\.sequenceNumber)
    }

    public var count: Int { times.count }
    public var startTimes: [Int64] { times }
    public var visibleTimes: [Int64] { times }
    public static var visibleAtFrontier: Bool { false }

    @inlinable
    public func record(at index: Int) -> QuoteRecord {
        QuoteRecord(
            time: Timestamp(nanoseconds: times[index]), bidPrice: bidPrices[index], bidSize: bidSizes[index],
            askPrice: askPrices[index], askSize: askSizes[index], sequenceNumber: sequenceNumbers[index]
        )
    }
}
