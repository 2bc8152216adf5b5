import MarketData
import PolygonWire

/// Bar columns, in order: start (delta), presence flags (VWAP, transactions, OTC), timeframe index,
/// open, high, low, close, volume, VWAP, transactions.
extension Bar: ArchivableRecord {
    public static var kind: DataKind { .bars }
    public static var requestPathMarker: String { "/range/1/minute" }
    public var archiveSequence: Int64 { 0 }
    public var archiveTime: Timestamp { start }

    private static let columnCount = 10
    private enum Flag {
        static let vwap: UInt8 = 1
        static let transactions: UInt8 = 2
        static let otc: UInt8 = 4
    }

    public static func encodeColumns(_ records: [Bar]) -> [UInt8] {
        var start = ColumnWriter()
        var flags = ColumnWriter()
        var timeframe = ColumnWriter()
        var open = ColumnWriter(), high = ColumnWriter(), low = ColumnWriter(), close = ColumnWriter()
        var volume = ColumnWriter(), vwap = ColumnWriter(), transactions = ColumnWriter()
        var previous: Int64 = 0
        for bar in records {
            start.signed(bar.start.nanoseconds &- previous)
            previous = bar.start.nanoseconds
            var bits: UInt8 = bar.otc ? Flag.otc : 0
            if bar.vwap != nil { bits |= Flag.vwap }
            if let value = bar.transactions {
                bits |= Flag.transactions
                transactions.signed(Int64(value))
            }
            flags.byte(bits)
            timeframe.byte(UInt8(Timeframe.allCases.firstIndex(of: bar.timeframe)!))
        }
        DecimalColumn.write(records, to: &open) { $0.open }
        DecimalColumn.write(records, to: &high) { $0.high }
        DecimalColumn.write(records, to: &low) { $0.low }
        DecimalColumn.write(records, to: &close) { $0.close }
        DecimalColumn.write(records, to: &volume) { $0.volume }
        DecimalColumn.write(records.lazy.compactMap(\.vwap), to: &vwap) { $0 }
        return SegmentCodec.assemble(
            count: records.count, [start, flags, timeframe, open, high, low, close, volume, vwap, transactions]
        )
    }

    public static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Bar]? {
        guard let columns = SegmentCodec.columns(buffer, count: count, expectedColumns: columnCount) else { return nil }
        var start = columns[0], flags = columns[1], timeframe = columns[2]
        var open = DecimalColumn.Reader(columns[3]), high = DecimalColumn.Reader(columns[4])
        var low = DecimalColumn.Reader(columns[5]), close = DecimalColumn.Reader(columns[6])
        var volume = DecimalColumn.Reader(columns[7]), vwap = DecimalColumn.Reader(columns[8])
        var transactions = columns[9]
        var bars: [Bar] = []
        bars.reserveCapacity(count)
        var time: Int64 = 0
        for _ in 0..<count {
            time = time &+ start.signed()
            let bits = flags.byte()
            let index = Int(timeframe.byte())
            guard bits & ~7 == 0, index < Timeframe.allCases.count else { return nil }
            bars.append(
                Bar(
                    start: Timestamp(nanoseconds: time), timeframe: Timeframe.allCases[index], open: open.next(),
                    high: high.next(), low: low.next(), close: close.next(), volume: volume.next(),
                    vwap: bits & Flag.vwap != 0 ? vwap.next() : nil,
                    transactions: bits & Flag.transactions != 0 ? transactions.int() : nil, otc: bits & Flag.otc != 0
                )
            )
        }
        let readers = [start, flags, timeframe, transactions, open.column, high.column, low.column, close.column,
                       volume.column, vwap.column]
        guard readers.allSatisfy({ !$0.failed && $0.isAtEnd }) else { return nil }
        return bars
    }

    public static func decodeResponse(_ body: [UInt8]) throws(TapeDeckError) -> [Bar] {
        try WireDecoder.aggsPage(body).results
    }

    public static func fetch(from source: some MarketDataSource, _ symbol: Symbol, in window: TimeWindow) async throws
        -> [Bar]
    {
        try await source.bars(symbol, in: window)
    }
}
