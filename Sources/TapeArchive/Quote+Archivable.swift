import MarketData
import PolygonWire

/// Quote columns, in order: SIP time, presence flags, participant offset, TRF offset (the times as
/// ``EventTimeColumns``), bid price, bid size, bid exchange, ask price, ask size, ask exchange,
/// conditions, indicators, sequence number (delta), tape.
extension Quote: ArchivableRecord {
    public static var kind: DataKind { .quotes }
    public static var requestPathMarker: String { "/v3/quotes/" }
    public var archiveSequence: Int64 { sequenceNumber }
    public var archiveTime: Timestamp { sipTimestamp }

    private static let columnCount = 14
    /// Flag bits; 1 (participant time) and 2 (TRF time) are ``EventTimeColumns``'.
    private enum Flag {
        static let conditions: UInt8 = 4
        static let indicators: UInt8 = 8
        static let tape: UInt8 = 16
    }

    public static func encodeColumns(_ records: [Quote]) -> ColumnarBytes {
        let n = records.count
        var times = EventTimeColumns(capacity: n)
        var flags = ColumnWriter(capacity: n)
        var bidPrice = ColumnWriter(capacity: n), bidSize = ColumnWriter(capacity: n)
        var bidExchange = ColumnWriter(capacity: n), askPrice = ColumnWriter(capacity: n)
        var askSize = ColumnWriter(capacity: n), askExchange = ColumnWriter(capacity: n)
        var conditions = ColumnWriter(), indicators = ColumnWriter()
        var sequence = ColumnWriter(capacity: n), tape = ColumnWriter(capacity: n)
        var previousSequence: Int64 = 0
        for index in records.indices {
            var bits = times.append(
                sip: records[index].sipTimestamp, participant: records[index].participantTimestamp,
                trf: records[index].trfTimestamp)
            bidExchange.signed(Int64(records[index].bidExchange))
            askExchange.signed(Int64(records[index].askExchange))
            if let value = records[index].conditions {
                bits |= Flag.conditions
                conditions.codes(value)
            }
            if let value = records[index].indicators {
                bits |= Flag.indicators
                indicators.codes(value)
            }
            let sequenceNumber = records[index].sequenceNumber
            sequence.signed(sequenceNumber &- previousSequence)
            previousSequence = sequenceNumber
            if let value = records[index].tape {
                bits |= Flag.tape
                tape.signed(Int64(value))
            }
            flags.byte(bits)
        }
        let timeColumns = times.columns()
        DecimalColumn.write(records.map { $0.bidPrice }, to: &bidPrice)
        DecimalColumn.write(records.map { $0.bidSize }, to: &bidSize)
        DecimalColumn.write(records.map { $0.askPrice }, to: &askPrice)
        DecimalColumn.write(records.map { $0.askSize }, to: &askSize)
        return SegmentCodec.assemble(
            count: n,
            [timeColumns[0], flags, timeColumns[1], timeColumns[2], bidPrice, bidSize, bidExchange, askPrice, askSize, askExchange, conditions,
             indicators, sequence, tape]
        )
    }

    /// Dense columns are read whole first (tight loops), then records are built in place; sparse
    /// columns (conditions, indicators, tape) are read as their flags call for them.
    public static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Quote]? {
        guard let columns = SegmentCodec.columns(buffer, count: count, expectedColumns: columnCount) else { return nil }
        guard var times = EventTimeColumns(sip: columns[0], participant: columns[2], trf: columns[3], count: count),
            let flags = columns[1].readWhole({ $0.bytes(count) }) ?? nil,
            let bidPrices = columns[4].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let bidSizes = columns[5].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let bidExchanges = columns[6].readWhole({ $0.ints(count: count) }),
            let askPrices = columns[7].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let askSizes = columns[8].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let askExchanges = columns[9].readWhole({ $0.ints(count: count) }),
            let sequenceNumbers = columns[12].readWhole({ $0.deltas(count: count) })
        else { return nil }
        var conditions = columns[10], indicators = columns[11], tape = columns[13]
        let quotes = [Quote](unsafeUninitializedCapacity: count) { quotes, initialized in
            for index in 0..<count {
                let bits = flags[index]
                guard bits & ~31 == 0, let time = times.next(index, bits: bits) else { return }
                quotes.initializeElement(
                    at: index,
                    to: Quote(
                        sipTimestamp: time.sip, participantTimestamp: time.participant,
                        trfTimestamp: time.trf, bidPrice: bidPrices[index], bidSize: bidSizes[index],
                        bidExchange: bidExchanges[index], askPrice: askPrices[index], askSize: askSizes[index],
                        askExchange: askExchanges[index],
                        conditions: bits & Flag.conditions != 0 ? conditions.codes() : nil,
                        indicators: bits & Flag.indicators != 0 ? indicators.codes() : nil,
                        sequenceNumber: sequenceNumbers[index], tape: bits & Flag.tape != 0 ? tape.int() : nil
                    )
                )
                initialized += 1
            }
        }
        guard quotes.count == count, times.isComplete,
            [conditions, indicators, tape].allSatisfy({ !$0.failed && $0.isAtEnd })
        else { return nil }
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
