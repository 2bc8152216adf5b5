import MarketData

/// Bar columns, in order: start (differenced), traits (presence bits for VWAP, transactions and OTC, plus
/// the timeframe index shifted left by 3), open, high, low, close (decimals, differenced), volume
/// (decimal), VWAP (differenced, bars that have one), transactions (bars that have them).
extension Bar: ColumnarRecord {
    public static var kind: DataKind { .bars }

    private static let columnCount = 9
    private enum Flag {
        static let vwap: UInt64 = 1
        static let transactions: UInt64 = 2
        static let otc: UInt64 = 4
    }

    public static func encodeColumns(_ records: [Bar]) -> ColumnarBytes {
        var start = ColumnWriter(), traits = ColumnWriter()
        var open = ColumnWriter(), high = ColumnWriter(), low = ColumnWriter(), close = ColumnWriter()
        var volume = ColumnWriter(), vwap = ColumnWriter(), transactions = ColumnWriter()
        IntegerColumn.writeSigned(records.map(\.start.nanoseconds), differenced: true, to: &start)
        IntegerColumn.write(
            records.map { bar in
                (bar.vwap != nil ? Flag.vwap : 0) | (bar.transactions != nil ? Flag.transactions : 0)
                    | (bar.otc ? Flag.otc : 0) | UInt64(Timeframe.allCases.firstIndex(of: bar.timeframe)!) << 3
            }, to: &traits)
        DecimalColumn.write(records.map(\.open), differenced: true, to: &open)
        DecimalColumn.write(records.map(\.high), differenced: true, to: &high)
        DecimalColumn.write(records.map(\.low), differenced: true, to: &low)
        DecimalColumn.write(records.map(\.close), differenced: true, to: &close)
        DecimalColumn.write(records.map(\.volume), differenced: false, to: &volume)
        DecimalColumn.write(records.compactMap(\.vwap), differenced: true, to: &vwap)
        IntegerColumn.writeSigned(records.compactMap { $0.transactions.map(Int64.init) }, differenced: false, to: &transactions)
        return SegmentCodec.assemble(
            count: records.count, [start, traits, open, high, low, close, volume, vwap, transactions]
        )
    }

    public static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Bar]? {
        guard var columns = SegmentCodec.columns(buffer, count: count, expectedColumns: columnCount),
            let starts = IntegerColumn.read(&columns[0], maximumCount: count, as: .zigZagDeltas),
            let traits = IntegerColumn.read(&columns[1], maximumCount: count, as: .bitPattern),
            starts.count == count, traits.count == count,
            let open = DecimalColumn.read(&columns[2], count: count, differenced: true),
            let high = DecimalColumn.read(&columns[3], count: count, differenced: true),
            let low = DecimalColumn.read(&columns[4], count: count, differenced: true),
            let close = DecimalColumn.read(&columns[5], count: count, differenced: true),
            let volume = DecimalColumn.read(&columns[6], count: count, differenced: false),
            let vwap = DecimalColumn.read(&columns[7], count: traits.count(where: { UInt64(bitPattern: $0) & Flag.vwap != 0 }), differenced: true),
            let transactions = IntegerColumn.read(&columns[8], maximumCount: count, as: .zigZag),
            transactions.count == traits.count(where: { UInt64(bitPattern: $0) & Flag.transactions != 0 }),
            columns.allSatisfy(\.isAtEnd)
        else { return nil }
        var vwapIndex = 0, transactionIndex = 0
        var bars: [Bar] = []
        bars.reserveCapacity(count)
        for index in 0..<count {
            let bits = UInt64(bitPattern: traits[index])
            let timeframe = Int(clamping: bits >> 3)
            guard timeframe < Timeframe.allCases.count else { return nil }
            var average: Double?
            if bits & Flag.vwap != 0 {
                average = vwap[vwapIndex]
                vwapIndex += 1
            }
            var transactionCount: Int?
            if bits & Flag.transactions != 0 {
                transactionCount = Int(truncatingIfNeeded: transactions[transactionIndex])
                transactionIndex += 1
            }
            bars.append(
                Bar(
                    start: Timestamp(nanoseconds: starts[index]), timeframe: Timeframe.allCases[timeframe],
                    open: open[index], high: high[index], low: low[index], close: close[index], volume: volume[index],
                    vwap: average, transactions: transactionCount, otc: bits & Flag.otc != 0
                )
            )
        }
        return bars
    }
}
