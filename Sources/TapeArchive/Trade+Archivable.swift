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

    public static func encodeColumns(_ records: [Trade]) -> ColumnarBytes {
        let n = records.count
        var sipDeltas: [Int64] = [], participantOffsets: [Int64] = [], trfOffsets: [Int64] = []
        sipDeltas.reserveCapacity(n)
        participantOffsets.reserveCapacity(n)
        var sip = ColumnWriter(capacity: n * 4), flags = ColumnWriter(capacity: n)
        var participant = ColumnWriter(capacity: n * 3), trf = ColumnWriter()
        var price = ColumnWriter(capacity: n * 2), size = ColumnWriter(capacity: n * 2)
        var exchange = ColumnWriter(capacity: n), tape = ColumnWriter(capacity: n), conditions = ColumnWriter()
        var id = ColumnWriter(capacity: n * 2), sequence = ColumnWriter(capacity: n)
        var correction = ColumnWriter(), trfId = ColumnWriter()
        // The first SIP time is written whole, in front of the planes; deltas start at 0, so the planes
        // stay as narrow as the largest gap between records.
        var previousTime = records.first?.sipTimestamp.nanoseconds ?? 0
        sip.signed(previousTime)
        var previousSequence: Int64 = 0
        var previousID: Int64 = 0
        for index in records.indices {
            let time = records[index].sipTimestamp.nanoseconds
            sipDeltas.append(time &- previousTime)
            previousTime = time
            var bits: UInt8 = 0
            if let value = records[index].participantTimestamp {
                bits |= Flag.participant
                participantOffsets.append(time &- value.nanoseconds)
            }
            if let value = records[index].trfTimestamp {
                bits |= Flag.trf
                trfOffsets.append(time &- value.nanoseconds)
            }
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
        PlaneColumn.write(sipDeltas, to: &sip)
        PlaneColumn.write(participantOffsets, to: &participant)
        PlaneColumn.write(trfOffsets, to: &trf)
        DecimalColumn.write(records.map { $0.price }, to: &price)
        DecimalColumn.write(records.map { $0.size }, to: &size)
        return SegmentCodec.assemble(
            count: n, [sip, flags, participant, trf, price, size, exchange, tape, conditions, id, sequence, correction, trfId]
        )
    }

    /// Dense columns are read whole first (tight loops), then records are built in place; sparse
    /// columns (tape, conditions, correction, TRF id) and ids are read as the record calls for them.
    public static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Trade]? {
        guard let columns = SegmentCodec.columns(buffer, count: count, expectedColumns: columnCount) else { return nil }
        var sipColumn = columns[0]
        let firstTime = sipColumn.signed()
        guard !sipColumn.failed, let sipDeltas = PlaneColumn.read(sipColumn), sipDeltas.count == count,
            let participant = PlaneColumn.read(columns[2]), let trf = PlaneColumn.read(columns[3]),
            let flags = columns[1].readWhole({ $0.bytes(count) }) ?? nil,
            let prices = columns[4].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let sizes = columns[5].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let exchanges = columns[6].readWhole({ $0.ints(count: count) }),
            let sequenceNumbers = columns[10].readWhole({ $0.deltas(count: count) })
        else { return nil }
        var tape = columns[7], conditions = columns[8], id = columns[9], correction = columns[11], trfId = columns[12]
        var time = firstTime
        var participantIndex = 0, trfIndex = 0
        var previousID: Int64 = 0
        let trades = [Trade](unsafeUninitializedCapacity: count) { trades, initialized in
            for index in 0..<count {
                let bits = flags[index]
                guard bits & ~63 == 0 else { return }
                time = time &+ sipDeltas[index]
                var participantTime: Timestamp?
                if bits & Flag.participant != 0 {
                    guard participantIndex < participant.count else { return }
                    participantTime = Timestamp(nanoseconds: time &- participant[participantIndex])
                    participantIndex += 1
                }
                var trfTime: Timestamp?
                if bits & Flag.trf != 0 {
                    guard trfIndex < trf.count else { return }
                    trfTime = Timestamp(nanoseconds: time &- trf[trfIndex])
                    trfIndex += 1
                }
                trades.initializeElement(
                    at: index,
                    to: Trade(
                        sipTimestamp: Timestamp(nanoseconds: time), participantTimestamp: participantTime,
                        trfTimestamp: trfTime, price: prices[index], size: sizes[index], exchange: exchanges[index],
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
        guard trades.count == count, participantIndex == participant.count, trfIndex == trf.count,
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
