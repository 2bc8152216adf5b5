import MarketData

/// One trade as adapters see it: the fields calculations use, read from ``TradeColumns``.
public struct TradeRecord: Hashable, Sendable {
    /// SIP timestamp, the time of visibility.
    public var time: Timestamp
    public var price: Double
    public var size: Double
    public var sequenceNumber: Int64
    public var exchange: Int
    /// How the trade may update a consolidated bar (the source's ``TradeConditionTable``).
    public var eligibility: BarEligibility
    /// Polygon's trade condition ids as recorded (empty when the trade carried none), e.g. 37 for an odd lot.
    public var conditions: ConditionCodes
    /// When the venue (or the TRF's reporting party) stamped the trade, before the SIP did; `nil` when the
    /// source did not say. Never a visibility time: a trade is known at its SIP time.
    public var participantTime: Timestamp?

    public init(
        time: Timestamp, price: Double, size: Double, sequenceNumber: Int64, exchange: Int = 0,
        eligibility: BarEligibility = .all, conditions: ConditionCodes = [], participantTime: Timestamp? = nil
    ) {
        self.time = time
        self.price = price
        self.size = size
        self.sequenceNumber = sequenceNumber
        self.exchange = exchange
        self.eligibility = eligibility
        self.conditions = conditions
        self.participantTime = participantTime
    }

    /// Whether the price may set a last-sale reference (a tick-test reference): it may update a
    /// consolidated bar's open/close or high/low.
    public var setsReferencePrice: Bool { eligibility.updatesOpenClose || eligibility.updatesHighLow }
}

/// Trades of one symbol in SIP-time order, column by column.
public final class TradeColumns: TapeColumns {
    public let times: [Int64]
    public let prices: [Double]
    public let sizes: [Double]
    public let sequenceNumbers: [Int64]
    public let exchanges: [Int32]
    /// Bar eligibility as bits: 1 volume, 2 high/low, 4 open/close.
    public let eligibilityBits: [UInt8]
    /// Condition ids per trade (inline for the usual few small codes, so no allocation per record).
    public let conditions: [ConditionCodes]
    /// Participant timestamps, ``TradeColumns/noTime`` where the source gave none.
    public let participantTimes: [Int64]

    /// The participant time of a trade without one (no instant a ``Timestamp`` check accepts).
    public static let noTime = Int64.min

    /// Columns of `trades`, with eligibility by `table` (the regular-hours consolidated rule, which is
    /// what a trade's price means to a calculation).
    public convenience init(_ trades: [Trade], table: TradeConditionTable = .builtIn) {
        var builder = Builder(table: table)
        builder.append(trades, expected: trades.count)
        self.init(builder)
    }

    private init(_ builder: Builder) {
        times = builder.times
        prices = builder.prices
        sizes = builder.sizes
        sequenceNumbers = builder.sequenceNumbers
        exchanges = builder.exchanges
        eligibilityBits = builder.eligibilityBits
        conditions = builder.conditions
        participantTimes = builder.participantTimes
    }

    /// Columns filled piece by piece (``MarketDataSource/trades(_:in:inPieces:)``), so a day of trades is
    /// never held as `[Trade]` and as columns at once.
    public struct Builder {
        let table: TradeConditionTable
        var times: [Int64] = []
        var prices: [Double] = []
        var sizes: [Double] = []
        var sequenceNumbers: [Int64] = []
        var exchanges: [Int32] = []
        var eligibilityBits: [UInt8] = []
        var conditions: [ConditionCodes] = []
        var participantTimes: [Int64] = []

        /// Eligibility comes from `table`, the source's trade-condition table.
        public init(table: TradeConditionTable = .builtIn) {
            self.table = table
        }

        /// Appends `trades`; `expected` (the number expected in all) sizes the columns once.
        public mutating func append(_ trades: [Trade], expected: Int) {
            if times.isEmpty, expected > 0 {
                times.reserveCapacity(expected)
                prices.reserveCapacity(expected)
                sizes.reserveCapacity(expected)
                sequenceNumbers.reserveCapacity(expected)
                exchanges.reserveCapacity(expected)
                eligibilityBits.reserveCapacity(expected)
                conditions.reserveCapacity(expected)
                participantTimes.reserveCapacity(expected)
            }
            for trade in trades {
                times.append(trade.sipTimestamp.nanoseconds)
                prices.append(trade.price)
                sizes.append(trade.size)
                sequenceNumbers.append(trade.sequenceNumber)
                exchanges.append(Int32(truncatingIfNeeded: trade.exchange))
                eligibilityBits.append(TradeColumns.bits(table.eligibility(of: trade.conditions ?? [])))
                conditions.append(trade.conditions ?? [])
                participantTimes.append(trade.participantTimestamp?.nanoseconds ?? TradeColumns.noTime)
            }
        }

        /// The columns.
        public func build() -> TradeColumns { TradeColumns(self) }
    }

    public init(records: [TradeRecord]) {
        times = records.map(\.time.nanoseconds)
        prices = records.map(\.price)
        sizes = records.map(\.size)
        sequenceNumbers = records.map(\.sequenceNumber)
        exchanges = records.map { Int32(truncatingIfNeeded: $0.exchange) }
        eligibilityBits = records.map { TradeColumns.bits($0.eligibility) }
        conditions = records.map(\.conditions)
        participantTimes = records.map { $0.participantTime?.nanoseconds ?? TradeColumns.noTime }
    }

    static func bits(_ e: BarEligibility) -> UInt8 {
        (e.updatesVolume ? 1 : 0) | (e.updatesHighLow ? 2 : 0) | (e.updatesOpenClose ? 4 : 0)
    }

    public var count: Int { times.count }
    public var startTimes: [Int64] { times }
    public var visibleTimes: [Int64] { times }
    public static var visibleAtFrontier: Bool { false }

    @inlinable
    public func record(at index: Int) -> TradeRecord {
        let bits = eligibilityBits[index]
        return TradeRecord(
            time: Timestamp(nanoseconds: times[index]), price: prices[index], size: sizes[index],
            sequenceNumber: sequenceNumbers[index], exchange: Int(exchanges[index]),
            eligibility: BarEligibility(updatesHighLow: bits & 2 != 0, updatesOpenClose: bits & 4 != 0, updatesVolume: bits & 1 != 0),
            conditions: conditions[index],
            participantTime: participantTimes[index] == TradeColumns.noTime ? nil : Timestamp(nanoseconds: participantTimes[index])
        )
    }
}
