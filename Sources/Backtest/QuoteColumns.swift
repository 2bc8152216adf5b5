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
///
/// Sizes, sequence numbers and exchange ids are ``CompactColumn``s: 32 bytes a quote of a real day's
/// 56 (13 million quotes, a real SPY day, take 420 MB instead of 730 MB), read back bit for bit.
public final class QuoteColumns: TapeColumns {
    public let times: [Int64]
    public let bidPrices: [Double]
    public let bidSizes: CompactColumn<Double>
    public let askPrices: [Double]
    public let askSizes: CompactColumn<Double>
    public let sequenceNumbers: CompactColumn<Int64>
    public let bidExchanges: CompactColumn<Int>
    public let askExchanges: CompactColumn<Int>

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
        var bidSizes = CompactColumn<Double>()
        var askPrices: [Double] = []
        var askSizes = CompactColumn<Double>()
        var sequenceNumbers = CompactColumn<Int64>()
        var bidExchanges = CompactColumn<Int>()
        var askExchanges = CompactColumn<Int>()

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
                bidExchanges.append(quote.bidExchange)
                askExchanges.append(quote.askExchange)
            }
        }

        /// The columns.
        public func build() -> QuoteColumns { QuoteColumns(self) }
    }

    public init(records: [QuoteRecord]) {
        times = records.map(\.time.nanoseconds)
        bidPrices = records.map(\.bidPrice)
        bidSizes = CompactColumn(records.lazy.map(\.bidSize))
        askPrices = records.map(\.askPrice)
        askSizes = CompactColumn(records.lazy.map(\.askSize))
        sequenceNumbers = CompactColumn(records.lazy.map(\.sequenceNumber))
        bidExchanges = CompactColumn(records.lazy.map(\.bidExchange))
        askExchanges = CompactColumn(records.lazy.map(\.askExchange))
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
            bidExchange: bidExchanges[index], askExchange: askExchanges[index]
        )
    }
}
