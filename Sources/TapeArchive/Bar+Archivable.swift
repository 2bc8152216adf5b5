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

    public static func encodeColumns(_ records: [Bar]) -> ColumnarBytes {
        var start = ColumnWriter()
        var flags = ColumnWriter()
        var timeframe = ColumnWriter()
        var open = ColumnWriter(), high = ColumnWriter(), low = ColumnWriter(), close = ColumnWriter()
        var volume = ColumnWriter(), vwap = ColumnWriter(), transactions = ColumnWriter()
        start.deltas(records.map { $0.start.nanoseconds })
        for bar in records {
            var bits: UInt8 = bar.otc ? Flag.otc : 0
            if bar.vwap != nil { bits |= Flag.vwap }
            if let value = bar.transactions {
                bits |= Flag.transactions
                transactions.signed(Int64(value))
            }
            flags.byte(bits)
            timeframe.byte(UInt8(Timeframe.allCases.firstIndex(of: bar.timeframe)!))
        }
        DecimalColumn.write(records.map { $0.open }, to: &open)
        DecimalColumn.write(records.map { $0.high }, to: &high)
        DecimalColumn.write(records.map { $0.low }, to: &low)
        DecimalColumn.write(records.map { $0.close }, to: &close)
        DecimalColumn.write(records.map { $0.volume }, to: &volume)
        DecimalColumn.write(records.compactMap { $0.vwap }, to: &vwap)
        return SegmentCodec.assemble(
            count: records.count, [start, flags, timeframe, open, high, low, close, volume, vwap, transactions]
        )
    }

    public static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Bar]? {
        guard let columns = SegmentCodec.columns(buffer, count: count, expectedColumns: columnCount),
            let starts = columns[0].readWhole({ $0.deltas(count: count) }),
            let flags = columns[1].readWhole({ $0.bytes(count) }) ?? nil,
            let timeframes = columns[2].readWhole({ $0.bytes(count) }) ?? nil,
            let open = columns[3].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let high = columns[4].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let low = columns[5].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let close = columns[6].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let volume = columns[7].readWhole({ DecimalColumn.read(&$0, count: count) }),
            let vwap = columns[8].readWhole({ DecimalColumn.read(&$0, count: flags.count { $0 & Flag.vwap != 0 }) })
        else { return nil }
        var transactions = columns[9]
        var vwapIndex = 0
        var bars: [Bar] = []
        bars.reserveCapacity(count)
        for index in 0..<count {
            let bits = flags[index]
            let timeframe = Int(timeframes[index])
            guard bits & ~7 == 0, timeframe < Timeframe.allCases.count else { return nil }
            var average: Double?
            if bits & Flag.vwap != 0 {
                average = vwap[vwapIndex]
                vwapIndex += 1
            }
            bars.append(
                Bar(
                    start: Timestamp(nanoseconds: starts[index]), timeframe: Timeframe.allCases[timeframe],
                    open: open[index], high: high[index], low: low[index], close: close[index], volume: volume[index],
                    vwap: average, transactions: bits & Flag.transactions != 0 ? transactions.int() : nil,
                    otc: bits & Flag.otc != 0
                )
            )
        }
        guard !transactions.failed, transactions.isAtEnd else { return nil }
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
