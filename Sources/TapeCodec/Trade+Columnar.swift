import MarketData

/// Trade columns, in order: SIP time, participant offset, TRF offset (``EventTimeColumns``), traits
/// (``TraitsColumn``: presence bits, exchange, tape, conditions, correction, TRF id), price (decimal,
/// differenced), size (decimal), numeric ids (differenced), text ids, sequence number (differenced).
extension Trade: ColumnarRecord {
    public static var kind: DataKind { .trades }

    private static let columnCount = 9

    /// The categorical fields of a trade; `bits` 1 and 2 are ``EventTimeColumns``' presence bits.
    private struct Traits {
        static let tape: UInt8 = 4
        static let conditions: UInt8 = 8
        static let correction: UInt8 = 16
        static let trfId: UInt8 = 32
        /// The id is not a number (``TradeID/number``) and is kept as text.
        static let textID: UInt8 = 64

        var bits: UInt8
        var exchange: Int
        var tape: Int?
        var conditions: ConditionCodes?
        var correction: Int?
        var trfId: Int?

        /// A cheap summary of a trade's traits for ``RankedValues``' table.
        static func summary(_ trade: UnsafePointer<Trade>, bits: UInt8) -> UInt64 {
            var value = UInt64(bits) &* 31 &+ UInt64(bitPattern: Int64(trade.pointee.exchange))
            value = value &* 31 &+ UInt64(bitPattern: Int64(trade.pointee.tape ?? -1))
            value = value &* 31 &+ UInt64(bitPattern: Int64(trade.pointee.correction ?? -1))
            value = value &* 31 &+ UInt64(bitPattern: Int64(trade.pointee.trfId ?? -1))
            if let codes = trade.pointee.conditions { for code in codes { value = value &* 31 &+ UInt64(UInt32(bitPattern: code)) } }
            return value
        }

        /// Whether two trades (whose bits are equal) have the same traits.
        static func same(_ a: UnsafePointer<Trade>, _ b: UnsafePointer<Trade>) -> Bool {
            a.pointee.exchange == b.pointee.exchange && a.pointee.tape == b.pointee.tape && a.pointee.correction == b.pointee.correction
                && a.pointee.trfId == b.pointee.trfId
                && a.pointee.conditions == b.pointee.conditions
        }

        /// An entry written by ``write(_:bits:to:)``; `nil` for unknown bits. (A static function, not an
        /// initialiser: one in the struct would replace the memberwise initialiser, and building traits
        /// through an initialiser that assigns fields one by one costs a copy per record.)
        static func read(from column: inout ColumnReader) -> Traits? {
            let bits = column.byte()
            guard bits & ~127 == 0 else { return nil }
            return Traits(
                bits: bits, exchange: column.int(), tape: bits & tape != 0 ? column.int() : nil,
                conditions: bits & conditions != 0 ? column.codes() : nil,
                correction: bits & correction != 0 ? column.int() : nil, trfId: bits & trfId != 0 ? column.int() : nil)
        }

        /// Writes a trade's traits as one table entry.
        static func write(_ trade: UnsafePointer<Trade>, bits: UInt8, to column: inout ColumnWriter) {
            column.byte(bits)
            column.signed(Int64(trade.pointee.exchange))
            if let tape = trade.pointee.tape { column.signed(Int64(tape)) }
            if let conditions = trade.pointee.conditions { column.codes(conditions) }
            if let correction = trade.pointee.correction { column.signed(Int64(correction)) }
            if let trfId = trade.pointee.trfId { column.signed(Int64(trfId)) }
        }
    }

    public static func encodeColumns(_ records: [Trade]) -> ColumnarBytes {
        let n = records.count
        var times = EventTimeColumns(capacity: n)
        var bits: [UInt8] = []
        bits.reserveCapacity(n)
        var numericIDs: [Int64] = []
        numericIDs.reserveCapacity(n)
        var textIDs = ColumnWriter()
        records.withUnsafeBufferPointer { records in
            for index in records.indices {
                let trade = records.baseAddress! + index
                var flags = times.append(
                    sip: trade.pointee.sipTimestamp, participant: trade.pointee.participantTimestamp,
                    trf: trade.pointee.trfTimestamp)
                if trade.pointee.tape != nil { flags |= Traits.tape }
                if trade.pointee.conditions != nil { flags |= Traits.conditions }
                if trade.pointee.correction != nil { flags |= Traits.correction }
                if trade.pointee.trfId != nil { flags |= Traits.trfId }
                if let value = trade.pointee.id.number {
                    numericIDs.append(value)
                } else {
                    flags |= Traits.textID
                    textIDs.text(trade.pointee.id.description)
                }
                bits.append(flags)
            }
        }
        var traitColumn = ColumnWriter(capacity: n)
        TraitsColumn.write(
            records, bits: bits, to: &traitColumn, summary: Traits.summary, same: Traits.same, entry: Traits.write)
        var price = ColumnWriter(capacity: n), size = ColumnWriter(capacity: n)
        DecimalColumn.write(records.map(\.price), differenced: true, to: &price)
        DecimalColumn.write(records.map(\.size), differenced: false, to: &size)
        var ids = ColumnWriter(capacity: n / 4)
        IntegerColumn.writeSigned(numericIDs, differenced: true, to: &ids)
        var sequence = ColumnWriter(capacity: n)
        IntegerColumn.writeSigned(records.map(\.sequenceNumber), differenced: true, to: &sequence)
        return SegmentCodec.assemble(count: n, times.columns() + [traitColumn, price, size, ids, textIDs, sequence])
    }

    /// Every column is read whole first (tight loops), then records are built in place from them and
    /// the traits table.
    public static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Trade]? {
        guard var columns = SegmentCodec.columns(buffer, count: count, expectedColumns: columnCount),
            var times = EventTimeColumns(sip: columns[0], participant: columns[1], trf: columns[2], count: count),
            let (table, ranks) = TraitsColumn.read(&columns[3], count: count, entry: Traits.read),
            let prices = DecimalColumn.read(&columns[4], count: count, differenced: true),
            let sizes = DecimalColumn.read(&columns[5], count: count, differenced: false),
            let numericIDs = IntegerColumn.read(&columns[6], maximumCount: count, as: .zigZagDeltas),
            let sequenceNumbers = IntegerColumn.read(&columns[8], maximumCount: count, as: .zigZagDeltas),
            sequenceNumbers.count == count,
            [3, 4, 5, 6, 8].allSatisfy({ columns[$0].isAtEnd })
        else { return nil }
        var textIDs = columns[7]
        var numericIndex = 0
        var valid = true
        // Traits are read through a pointer, field by field: copying a whole entry per record costs a
        // retain and release of its condition list.
        let trades = table.withUnsafeBufferPointer { table in
            [Trade](unsafeUninitializedCapacity: count) { trades, initialized in
                for index in 0..<count {
                    let traits = table.baseAddress! + Int(ranks[index])
                    let bits = traits.pointee.bits
                    guard let time = times.next(index, bits: bits) else {
                        valid = false
                        return
                    }
                    let id: TradeID
                    if bits & Traits.textID != 0 {
                        id = TradeID(textIDs.text())
                    } else if numericIndex < numericIDs.count,
                        (0...TradeID.largestNumber).contains(numericIDs[numericIndex])
                    {
                        id = TradeID(numericIDs[numericIndex])
                        numericIndex += 1
                    } else {
                        valid = false
                        return
                    }
                    trades.initializeElement(
                        at: index,
                        to: Trade(
                            sipTimestamp: time.sip, participantTimestamp: time.participant, trfTimestamp: time.trf,
                            price: prices[index], size: sizes[index], exchange: traits.pointee.exchange,
                            tape: traits.pointee.tape, conditions: traits.pointee.conditions, id: id,
                            sequenceNumber: sequenceNumbers[index], correction: traits.pointee.correction,
                            trfId: traits.pointee.trfId
                        )
                    )
                    initialized += 1
                }
            }
        }
        guard valid, trades.count == count, times.isComplete, numericIndex == numericIDs.count, !textIDs.failed,
            textIDs.isAtEnd
        else { return nil }
        return trades
    }
}
