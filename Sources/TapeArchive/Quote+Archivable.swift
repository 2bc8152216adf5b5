import MarketData
import PolygonWire

/// Quote columns, in order: SIP time (delta, byte planes), presence flags, participant offset, TRF offset (these three as
/// ``PlaneColumn``s), bid price,
/// bid size, bid exchange, ask price, ask size, ask exchange, conditions, indicators, sequence number
/// (delta), tape.
extension Quote: ArchivableRecord {
    public static var kind: DataKind { .quotes }
    public static var requestPathMarker: String { "/v3/quotes/" }
    public var archiveSequence: Int64 { sequenceNumber }
    public var archiveTime: Timestamp { sipTimestamp }

    private static let columnCount = 14
    private enum Flag {
        static let participant: UInt8 = 1
        static let trf: UInt8 = 2
        static let conditions: UInt8 = 4
        static let indicators: UInt8 = 8
        static let tape: UInt8 = 16
    }

    public static func encodeColumns(_ records: [Quote]) -> [UInt8] {
        let n = records.count
        var sipDeltas: [Int64] = []
        var participantOffsets: [Int64] = []
        var trfOffsets: [Int64] = []
        sipDeltas.reserveCapacity(n)
        participantOffsets.reserveCapacity(n)
        var sip = ColumnWriter(capacity: n * 4)
        var flags = ColumnWriter(capacity: n)
        var participant = ColumnWriter(capacity: n * 3)
        var trf = ColumnWriter()
        var bidPrice = ColumnWriter(capacity: n)
        var bidSize = ColumnWriter(capacity: n)
        var bidExchange = ColumnWriter(capacity: n)
        var askPrice = ColumnWriter(capacity: n)
        var askSize = ColumnWriter(capacity: n)
        var askExchange = ColumnWriter(capacity: n)
        var conditions = ColumnWriter()
        var indicators = ColumnWriter()
        var sequence = ColumnWriter(capacity: n)
        var tape = ColumnWriter(capacity: n)
        // The first SIP time is written whole, in front of the planes; deltas start at 0, so the planes
        // stay as narrow as the largest gap between records.
        var previousTime = records.first?.sipTimestamp.nanoseconds ?? 0
        sip.signed(previousTime)
        var previousSequence: Int64 = 0
        for quote in records {
            let time = quote.sipTimestamp.nanoseconds
            sipDeltas.append(time &- previousTime)
            previousTime = time
            var bits: UInt8 = 0
            if let value = quote.participantTimestamp {
                bits |= Flag.participant
                participantOffsets.append(time &- value.nanoseconds)
            }
            if let value = quote.trfTimestamp {
                bits |= Flag.trf
                trfOffsets.append(time &- value.nanoseconds)
            }
            bidExchange.signed(Int64(quote.bidExchange))
            askExchange.signed(Int64(quote.askExchange))
            if let value = quote.conditions {
                bits |= Flag.conditions
                conditions.codes(value)
            }
            if let value = quote.indicators {
                bits |= Flag.indicators
                indicators.codes(value)
            }
            sequence.signed(quote.sequenceNumber &- previousSequence)
            previousSequence = quote.sequenceNumber
            if let value = quote.tape {
                bits |= Flag.tape
                tape.signed(Int64(value))
            }
            flags.byte(bits)
        }
        PlaneColumn.write(sipDeltas, to: &sip)
        PlaneColumn.write(participantOffsets, to: &participant)
        PlaneColumn.write(trfOffsets, to: &trf)
        DecimalColumn.write(records, to: &bidPrice) { $0.bidPrice }
        DecimalColumn.write(records, to: &bidSize) { $0.bidSize }
        DecimalColumn.write(records, to: &askPrice) { $0.askPrice }
        DecimalColumn.write(records, to: &askSize) { $0.askSize }
        return SegmentCodec.assemble(
            count: n,
            [sip, flags, participant, trf, bidPrice, bidSize, bidExchange, askPrice, askSize, askExchange, conditions,
             indicators, sequence, tape]
        )
    }

    public static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Quote]? {
        guard let columns = SegmentCodec.columns(buffer, count: count, expectedColumns: columnCount) else { return nil }
        var sip = PlaneColumn.Reader(columns[0].droppingLeadingVarint()), participant = PlaneColumn.Reader(columns[2])
        var trf = PlaneColumn.Reader(columns[3]), flags = columns[1]
        var bidPrice = DecimalColumn.Reader(columns[4]), bidSize = DecimalColumn.Reader(columns[5])
        var bidExchange = columns[6]
        var askPrice = DecimalColumn.Reader(columns[7]), askSize = DecimalColumn.Reader(columns[8])
        var askExchange = columns[9], conditions = columns[10], indicators = columns[11]
        var sequence = columns[12], tape = columns[13]
        var quotes: [Quote] = []
        quotes.reserveCapacity(count)
        var time = columns[0].leadingSigned()
        var sequenceNumber: Int64 = 0
        for _ in 0..<count {
            time = time &+ sip.next()
            let bits = flags.byte()
            if bits & ~31 != 0 { return nil }
            let participantTime = bits & Flag.participant != 0 ? Timestamp(nanoseconds: time &- participant.next()) : nil
            let trfTime = bits & Flag.trf != 0 ? Timestamp(nanoseconds: time &- trf.next()) : nil
            let bidExchangeValue = bidExchange.int()
            let askExchangeValue = askExchange.int()
            let conditionCodes = bits & Flag.conditions != 0 ? conditions.codes() : nil
            let indicatorCodes = bits & Flag.indicators != 0 ? indicators.codes() : nil
            sequenceNumber = sequenceNumber &+ sequence.signed()
            let tapeValue = bits & Flag.tape != 0 ? tape.int() : nil
            quotes.append(
                Quote(
                    sipTimestamp: Timestamp(nanoseconds: time), participantTimestamp: participantTime,
                    trfTimestamp: trfTime, bidPrice: bidPrice.next(), bidSize: bidSize.next(),
                    bidExchange: bidExchangeValue, askPrice: askPrice.next(), askSize: askSize.next(),
                    askExchange: askExchangeValue, conditions: conditionCodes, indicators: indicatorCodes,
                    sequenceNumber: sequenceNumber, tape: tapeValue
                )
            )
        }
        guard sip.isComplete, participant.isComplete, trf.isComplete else { return nil }
        let readers = [flags, bidExchange, askExchange, conditions, indicators, sequence, tape]
        let decimals = [bidPrice.column, bidSize.column, askPrice.column, askSize.column]
        guard (readers + decimals).allSatisfy({ !$0.failed && $0.isAtEnd }) else { return nil }
        return quotes
    }

    public static func decodeResponse(_ body: [UInt8]) throws(TapeDeckError) -> [Quote] {
        try WireDecoder.quotesPage(body).results
    }

    public static func fetch(from source: some MarketDataSource, _ symbol: Symbol, in window: TimeWindow) async throws
        -> [Quote]
    {
        try await source.quotes(symbol, in: window)
    }
}
