import MarketData

/// Quote columns, in order: SIP time, participant offset, TRF offset (``EventTimeColumns``), traits
/// (``TraitsColumn``: presence bits, bid and ask exchange, conditions, indicators, tape), bid price
/// (decimal, differenced), bid size (decimal), ask price (differenced), ask size, sequence number
/// (differenced).
extension Quote: ColumnarRecord {
    public static var kind: DataKind { .quotes }

    private static let columnCount = 9

    /// The categorical fields of a quote; `bits` 1 and 2 are ``EventTimeColumns``' presence bits.
    private struct Traits {
        static let conditions: UInt8 = 4
        static let indicators: UInt8 = 8
        static let tape: UInt8 = 16

        var bits: UInt8
        var bidExchange: Int
        var askExchange: Int
        var conditions: ConditionCodes?
        var indicators: ConditionCodes?
        var tape: Int?

        /// A cheap summary of a quote's traits for ``RankedValues``' table.
        static func summary(_ quote: UnsafePointer<Quote>, bits: UInt8) -> UInt64 {
            var value = UInt64(bits) &* 31 &+ UInt64(bitPattern: Int64(quote.pointee.bidExchange))
            value = value &* 31 &+ UInt64(bitPattern: Int64(quote.pointee.askExchange))
            value = value &* 31 &+ UInt64(bitPattern: Int64(quote.pointee.tape ?? -1))
            if let codes = quote.pointee.conditions { for code in codes { value = value &* 31 &+ UInt64(UInt32(bitPattern: code)) } }
            if let codes = quote.pointee.indicators { for code in codes { value = value &* 31 &+ UInt64(UInt32(bitPattern: code)) } }
            return value
        }

        /// Whether two quotes (whose bits are equal) have the same traits.
        static func same(_ a: UnsafePointer<Quote>, _ b: UnsafePointer<Quote>) -> Bool {
            a.pointee.bidExchange == b.pointee.bidExchange && a.pointee.askExchange == b.pointee.askExchange && a.pointee.tape == b.pointee.tape
                && a.pointee.conditions == b.pointee.conditions && a.pointee.indicators == b.pointee.indicators
        }

        /// An entry written by ``write(_:bits:to:)``; `nil` for unknown bits. (A static function, not an
        /// initialiser: one in the struct would replace the memberwise initialiser, and building traits
        /// through an initialiser that assigns fields one by one costs a copy per record.)
        static func read(from column: inout ColumnReader) -> Traits? {
            let bits = column.byte()
            guard bits & ~31 == 0 else { return nil }
            return Traits(
                bits: bits, bidExchange: column.int(), askExchange: column.int(),
                conditions: bits & conditions != 0 ? column.codes() : nil,
                indicators: bits & indicators != 0 ? column.codes() : nil, tape: bits & tape != 0 ? column.int() : nil)
        }

        /// Writes a quote's traits as one table entry.
        static func write(_ quote: UnsafePointer<Quote>, bits: UInt8, to column: inout ColumnWriter) {
            column.byte(bits)
            column.signed(Int64(quote.pointee.bidExchange))
            column.signed(Int64(quote.pointee.askExchange))
            if let conditions = quote.pointee.conditions { column.codes(conditions) }
            if let indicators = quote.pointee.indicators { column.codes(indicators) }
            if let tape = quote.pointee.tape { column.signed(Int64(tape)) }
        }
    }

    public static func encodeColumns(_ records: [Quote]) -> ColumnarBytes {
        let n = records.count
        var times = EventTimeColumns(capacity: n)
        var bits: [UInt8] = []
        bits.reserveCapacity(n)
        records.withUnsafeBufferPointer { records in
            for index in records.indices {
                let quote = records.baseAddress! + index
                var flags = times.append(
                    sip: quote.pointee.sipTimestamp, participant: quote.pointee.participantTimestamp,
                    trf: quote.pointee.trfTimestamp)
                if quote.pointee.conditions != nil { flags |= Traits.conditions }
                if quote.pointee.indicators != nil { flags |= Traits.indicators }
                if quote.pointee.tape != nil { flags |= Traits.tape }
                bits.append(flags)
            }
        }
        var traitColumn = ColumnWriter(capacity: n)
        TraitsColumn.write(
            records, bits: bits, to: &traitColumn, summary: Traits.summary, same: Traits.same, entry: Traits.write)
        var bidPrice = ColumnWriter(capacity: n), bidSize = ColumnWriter(capacity: n)
        var askPrice = ColumnWriter(capacity: n), askSize = ColumnWriter(capacity: n)
        DecimalColumn.write(records.map(\.bidPrice), differenced: true, to: &bidPrice)
        DecimalColumn.write(records.map(\.bidSize), differenced: false, to: &bidSize)
        DecimalColumn.write(records.map(\.askPrice), differenced: true, to: &askPrice)
        DecimalColumn.write(records.map(\.askSize), differenced: false, to: &askSize)
        var sequence = ColumnWriter(capacity: n)
        IntegerColumn.writeSigned(records.map(\.sequenceNumber), differenced: true, to: &sequence)
        return SegmentCodec.assemble(
            count: n, times.columns() + [traitColumn, bidPrice, bidSize, askPrice, askSize, sequence])
    }

    /// Every column is read whole first (tight loops), then records are built in place from them and
    /// the traits table.
    public static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Quote]? {
        guard var columns = SegmentCodec.columns(buffer, count: count, expectedColumns: columnCount),
            var times = EventTimeColumns(sip: columns[0], participant: columns[1], trf: columns[2], count: count),
            let (table, ranks) = TraitsColumn.read(&columns[3], count: count, entry: Traits.read),
            let bidPrices = DecimalColumn.read(&columns[4], count: count, differenced: true),
            let bidSizes = DecimalColumn.read(&columns[5], count: count, differenced: false),
            let askPrices = DecimalColumn.read(&columns[6], count: count, differenced: true),
            let askSizes = DecimalColumn.read(&columns[7], count: count, differenced: false),
            let sequenceNumbers = IntegerColumn.read(&columns[8], maximumCount: count, as: .zigZagDeltas),
            sequenceNumbers.count == count,
            columns[3...].allSatisfy(\.isAtEnd)
        else { return nil }
        var valid = true
        // Traits are read through a pointer, field by field: copying a whole entry per record costs a
        // retain and release of each condition list.
        let quotes = table.withUnsafeBufferPointer { table in
            [Quote](unsafeUninitializedCapacity: count) { quotes, initialized in
                for index in 0..<count {
                    let traits = table.baseAddress! + Int(ranks[index])
                    guard let time = times.next(index, bits: traits.pointee.bits) else {
                        valid = false
                        return
                    }
                    quotes.initializeElement(
                        at: index,
                        to: Quote(
                            sipTimestamp: time.sip, participantTimestamp: time.participant, trfTimestamp: time.trf,
                            bidPrice: bidPrices[index], bidSize: bidSizes[index], bidExchange: traits.pointee.bidExchange,
                            askPrice: askPrices[index], askSize: askSizes[index], askExchange: traits.pointee.askExchange,
                            conditions: traits.pointee.conditions, indicators: traits.pointee.indicators,
                            sequenceNumber: sequenceNumbers[index], tape: traits.pointee.tape
                        )
                    )
                    initialized += 1
                }
            }
        }
        guard valid, quotes.count == count, times.isComplete else { return nil }
        return quotes
    }
}
