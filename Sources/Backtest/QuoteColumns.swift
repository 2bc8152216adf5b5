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

    public convenience init(_ quotes: [Quote]) {
        var builder = Builder()
        builder.append(quotes, expected: quotes.count)
        self.init(builder)
    }

    private init(_ builder: Builder) {
        times = builder.times
        bidPrices = builder.bidPrices
        bidSizes = builder.bidSizes
        askPrices = builder.askPrices
        askSizes = builder.askSizes
        sequenceNumbers = builder.sequenceNumbers
        bidExchanges = builder.bidExchanges
        askExchanges = builder.askExchanges
    }

    /// Columns filled piece by piece (``MarketDataSource/quotes(_:in:inPieces:)``), so a day of quotes is
    /// never held as `[Quote]` and as columns at once.
    public struct Builder {
        var times: [Int64] = []
        var bidPrices: [Double] = []
        var bidSizes: [Double] = []
        var askPrices: [Double] = []
        var askSizes: [Double] = []
        var sequenceNumbers: [Int64] = []
        var bidExchanges: [Int32] = []
        var askExchanges: [Int32] = []

        public init() {}

        /// Appends `quotes`; `expected` (the number expected in all) sizes the columns once.
        public mutating func append(_ quotes: [Quote], expected: Int) {
            if times.isEmpty, expected > 0 {
                times.reserveCapacity(expected)
                bidPrices.reserveCapacity(expected)
                bidSizes.reserveCapacity(expected)
                askPrices.reserveCapacity(expected)
                askSizes.reserveCapacity(expected)
                sequenceNumbers.reserveCapacity(expected)
                bidExchanges.reserveCapacity(expected)
                askExchanges.reserveCapacity(expected)
            }
            for quote in quotes {
                times.append(quote.sipTimestamp.nanoseconds)
                bidPrices.append(quote.bidPrice)
                bidSizes.append(quote.bidSize)
                askPrices.append(quote.askPrice)
                askSizes.append(quote.askSize)
                sequenceNumbers.append(quote.sequenceNumber)
                bidExchanges.append(Int32(truncatingIfNeeded: quote.bidExchange))
                askExchanges.append(Int32(truncatingIfNeeded: quote.askExchange))
            }
        }

        /// The columns.
        public func build() -> QuoteColumns { QuoteColumns(self) }
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
