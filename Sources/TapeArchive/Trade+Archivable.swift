import MarketData
import PolygonWire

/// Trade columns, in order: SIP time, presence flags, participant offset, TRF offset (the times as
/// ``EventTimeColumns``), price, size, exchange, tape, conditions, id, sequence number (delta),
/// correction, TRF id. Optional fields are written only when their flag bit is set.
extension Trade: ArchivableRecord {
    public static var kind: DataKind { .trades }
    public static var requestPathMarker: String { "/v3/trades/" }
    public var archiveSequence: Int64 { sequenceNumber }
    public var archiveTime: Timestamp { sipTimestamp }

    private static let columnCount = 13
    /// Flag bits; 1 (participant time) and 2 (TRF time) are ``EventTimeColumns``'.
    private enum Flag {
        static let tape: UInt8 = 4
        static let conditions: UInt8 = 8
        static let correction: UInt8 = 16
        static let trfId: UInt8 = 32
    }

    public static func encodeColumns(_ records: [Trade]) -> ColumnarBytes {
        let n = records.count
        var times = EventTimeColumns(capacity: n)
        var flags = ColumnWriter(capacity: n)
        var price = ColumnWriter(capacity: n * 2), size = ColumnWriter(capacity: n * 2)
        var exchange = ColumnWriter(capacity: n), tape = ColumnWriter(capacity: n), conditions = ColumnWriter()
        var id = ColumnWriter(capacity: n * 2), sequence = ColumnWriter(capacity: n)
        var correction = ColumnWriter(), trfId = ColumnWriter()
        var previousSequence: Int64 = 0
        var previousID: Int64 = 0
        for index in records.indices {
            var bits = times.append(
                sip: records[index].sipTimestamp, participant: records[index].participantTimestamp,
                trf: records[index].trfTimestamp)
            exchange.signed(Int64(records[index].exchange))
            if let value = records[index].tape {
                bits |= Flag.tape
                tape.signed(Int64(value))
            }
            if let value = records[index].conditions {
                bits |= Flag.conditions
                conditions.codes(value)
            }
            id.identifier(records[index].id, previous: &previousID)
            let sequenceNumber = records[index].sequenceNumber
            sequence.signed(sequenceNumber &- previousSequence)
            previousSequence = sequenceNumber
            if let value = records[index].correction {
                bits |= Flag.correction
                correction.signed(Int64(value))
            }
            if let value = records[index].trfId {
                bits |= Flag.trfId
                trfId.signed(Int64(value))
            }
            flags.byte(bits)
        }
        let timeColumns = times.columns()
        DecimalColumn.write(records.map { $0.price }, to: &price)
        DecimalColumn.write(records.map { $0.size }, to: &size)
        return SegmentCodec.assemble(
            count: n, [timeColumns[0], flags, timeColumns[1], timeColumns[2], price, size, exchange, tape, conditions, id, sequence, correction, trfId]
        )
    }

    /// Dense columns are read whole first (tight loops), then records are built in place; sparse
    /// columns (tape, conditions, correction, TRF id) and ids are read as the record calls for them.
    public static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Trade]? {
        guard let columns = SegmentCodec.columns(buffer, count: count, expectedColumns: columnCount) else { return nil }
        guard var times = EventTimeColumns(sip: columns[0], participant: columns[2], trf: columns[3], count: count),
            let flags = columns[1].readWhole({ $0.bytes(count) }) ?? nil,
            let prices = columns[4].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let sizes = columns[5].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let exchanges = columns[6].readWhole({ $0.ints(count: count) }),
            let sequenceNumbers = columns[10].readWhole({ $0.deltas(count: count) })
        else { return nil }
        var tape = columns[7], conditions = columns[8], id = columns[9], correction = columns[11], trfId = columns[12]
        var previousID: Int64 = 0
        let trades = [Trade](unsafeUninitializedCapacity: count) { trades, initialized in
            for index in 0..<count {
                let bits = flags[index]
                guard bits & ~63 == 0, let time = times.next(index, bits: bits) else { return }
                trades.initializeElement(
                    at: index,
                    to: Trade(
                        sipTimestamp: time.sip, participantTimestamp: time.participant,
                        trfTimestamp: time.trf, price: prices[index], size: sizes[index], exchange: exchanges[index],
                        tape: bits & Flag.tape != 0 ? tape.int() : nil,
                        conditions: bits & Flag.conditions != 0 ? conditions.codes() : nil,
                        id: id.identifier(previous: &previousID), sequenceNumber: sequenceNumbers[index],
                        correction: bits & Flag.correction != 0 ? correction.int() : nil,
                        trfId: bits & Flag.trfId != 0 ? trfId.int() : nil
                    )
                )
                initialized += 1
            }
        }
        guard trades.count == count, times.isComplete,
            [tape, conditions, id, correction, trfId].allSatisfy({ !$0.failed && $0.isAtEnd })
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
