import MarketData
import PolygonWire

/// Trade columns, in order: SIP time (delta, byte planes), presence flags, participant offset (SIP − participant),
/// TRF offset (SIP − TRF) — these three as ``PlaneColumn``s — price, size, exchange, tape, conditions, id, sequence number (delta),
/// correction, TRF id. Optional fields are written only when their flag bit is set.
extension Trade: ArchivableRecord {
    public static var kind: DataKind { .trades }
    public static var requestPathMarker: String { "/v3/trades/" }
    public var archiveSequence: Int64 { sequenceNumber }
    public var archiveTime: Timestamp { sipTimestamp }

    private static let columnCount = 13
    private enum Flag {
        static let participant: UInt8 = 1
        static let trf: UInt8 = 2
        static let tape: UInt8 = 4
        static let conditions: UInt8 = 8
        static let correction: UInt8 = 16
        static let trfId: UInt8 = 32
    }

    public static func encodeColumns(_ records: [Trade]) -> [UInt8] {
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
        var price = ColumnWriter(capacity: n * 2)
        var size = ColumnWriter(capacity: n * 2)
        var exchange = ColumnWriter(capacity: n)
        var tape = ColumnWriter(capacity: n)
        var conditions = ColumnWriter()
        var id = ColumnWriter(capacity: n * 2)
        var sequence = ColumnWriter(capacity: n)
        var correction = ColumnWriter()
        var trfId = ColumnWriter()
        // The first SIP time is written whole, in front of the planes; deltas start at 0, so the planes
        // stay as narrow as the largest gap between records.
        var previousTime = records.first?.sipTimestamp.nanoseconds ?? 0
        sip.signed(previousTime)
        var previousSequence: Int64 = 0
        var previousID: Int64 = 0
        for trade in records {
            let time = trade.sipTimestamp.nanoseconds
            sipDeltas.append(time &- previousTime)
            previousTime = time
            var bits: UInt8 = 0
            if let value = trade.participantTimestamp {
                bits |= Flag.participant
                participantOffsets.append(time &- value.nanoseconds)
            }
            if let value = trade.trfTimestamp {
                bits |= Flag.trf
                trfOffsets.append(time &- value.nanoseconds)
            }
            exchange.signed(Int64(trade.exchange))
            if let value = trade.tape {
                bits |= Flag.tape
                tape.signed(Int64(value))
            }
            if let value = trade.conditions {
                bits |= Flag.conditions
                conditions.codes(value)
            }
            id.identifier(trade.id, previous: &previousID)
            sequence.signed(trade.sequenceNumber &- previousSequence)
            previousSequence = trade.sequenceNumber
            if let value = trade.correction {
                bits |= Flag.correction
                correction.signed(Int64(value))
            }
            if let value = trade.trfId {
                bits |= Flag.trfId
                trfId.signed(Int64(value))
            }
            flags.byte(bits)
        }
        PlaneColumn.write(sipDeltas, to: &sip)
        PlaneColumn.write(participantOffsets, to: &participant)
        PlaneColumn.write(trfOffsets, to: &trf)
        DecimalColumn.write(records, to: &price) { $0.price }
        DecimalColumn.write(records, to: &size) { $0.size }
        return SegmentCodec.assemble(
            count: n, [sip, flags, participant, trf, price, size, exchange, tape, conditions, id, sequence, correction, trfId]
        )
    }

    public static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Trade]? {
        guard let columns = SegmentCodec.columns(buffer, count: count, expectedColumns: columnCount) else { return nil }
        var sip = PlaneColumn.Reader(columns[0].droppingLeadingVarint()), participant = PlaneColumn.Reader(columns[2])
        var trf = PlaneColumn.Reader(columns[3]), flags = columns[1]
        var price = DecimalColumn.Reader(columns[4]), size = DecimalColumn.Reader(columns[5])
        var exchange = columns[6], tape = columns[7], conditions = columns[8], id = columns[9]
        var sequence = columns[10], correction = columns[11], trfId = columns[12]
        var trades: [Trade] = []
        trades.reserveCapacity(count)
        var time = columns[0].leadingSigned()
        var sequenceNumber: Int64 = 0
        var previousID: Int64 = 0
        for _ in 0..<count {
            time = time &+ sip.next()
            let bits = flags.byte()
            let participantTime = bits & Flag.participant != 0 ? Timestamp(nanoseconds: time &- participant.next()) : nil
            let trfTime = bits & Flag.trf != 0 ? Timestamp(nanoseconds: time &- trf.next()) : nil
            let exchangeValue = exchange.int()
            let tapeValue = bits & Flag.tape != 0 ? tape.int() : nil
            let codes = bits & Flag.conditions != 0 ? conditions.codes() : nil
            let identifier = id.identifier(previous: &previousID)
            sequenceNumber = sequenceNumber &+ sequence.signed()
            let correctionValue = bits & Flag.correction != 0 ? correction.int() : nil
            let trfIdValue = bits & Flag.trfId != 0 ? trfId.int() : nil
            trades.append(
                Trade(
                    sipTimestamp: Timestamp(nanoseconds: time), participantTimestamp: participantTime,
                    trfTimestamp: trfTime, price: price.next(), size: size.next(), exchange: exchangeValue,
                    tape: tapeValue, conditions: codes, id: identifier, sequenceNumber: sequenceNumber,
                    correction: correctionValue, trfId: trfIdValue
                )
            )
            if bits & ~63 != 0 { return nil }
        }
        guard sip.isComplete, participant.isComplete, trf.isComplete else { return nil }
        let readers = [flags, exchange, tape, conditions, id, sequence, correction, trfId]
        guard readers.allSatisfy({ !$0.failed && $0.isAtEnd }), !price.column.failed, price.column.isAtEnd,
            !size.column.failed, size.column.isAtEnd
        else { return nil }
        return trades
    }

    public static func decodeResponse(_ body: [UInt8]) throws(TapeDeckError) -> [Trade] {
        try WireDecoder.tradesPage(body).results
    }

    public static func fetch(from source: some MarketDataSource, _ symbol: Symbol, in window: TimeWindow) async throws
        -> [Trade]
    {
        try await source.trades(symbol, in: window)
    }
}
