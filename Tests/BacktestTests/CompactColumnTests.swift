import Backtest
import MarketData
import Testing

@Suite struct CompactColumnTests {
    /// Values that a `Float` holds exactly stay narrow; the first that it does not moves the whole column
    /// to `Double`, and every value, before and after, reads back with the same bits.
    @Test(
        arguments: [
            ([100, 0, 2.5, 300_000, -0.0, 16_777_216], true),
            ([100, 0.1, 2], false),  // 0.1 has no exact Float
            ([1, 2, 16_777_217], false),  // above 2²⁴ a Float skips odd integers
            ([1, .infinity, 3], true),
            ([1, .nan, 3], true),  // the default NaN survives the round trip
            ([1, Double(nan: 1, signaling: false), 3], false),  // a payload in the low bits does not
            ([1e300, 1], false),
        ] as [([Double], Bool)])
    func doublesReadBackBitForBit(values: [Double], narrow: Bool) {
        let column = CompactColumn(values)
        #expect(column.isNarrow == narrow)
        #expect(column.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(column.count == values.count)
    }

    @Test(
        arguments: [
            ([1, 2, 4_294_967_295], true),
            ([1, 4_294_967_296, 2], false),
            ([5, -1], false),
            ([1, 1 << 40 | 7], false),  // the audit's planted sequence numbers
        ] as [([Int64], Bool)])
    func sequenceNumbers(values: [Int64], narrow: Bool) {
        let column = CompactColumn(values)
        #expect(column.isNarrow == narrow)
        #expect(Array(column) == values)
    }

    @Test(
        arguments: [
            ([0, 11, 12, 21, 255], true),
            ([12, 256, 4], false),
            ([12, -1], false),
        ] as [([Int], Bool)])
    func exchangeIds(values: [Int], narrow: Bool) {
        let column = CompactColumn(values)
        #expect(column.isNarrow == narrow)
        #expect(Array(column) == values)
    }

    /// A day's columns hold every field as the quotes gave it, whatever form each column took: half a lot
    /// and an exchange id of 300 (which the old 32-bit column would have kept, and an 8-bit one would not).
    @Test func quoteColumnsKeepEveryField() {
        let quotes = [
            Quote(
                sipTimestamp: Timestamp(nanoseconds: 1_000), bidPrice: 10.01, bidSize: 3, bidExchange: 12, askPrice: 10.02, askSize: 0.5,
                askExchange: 300, sequenceNumber: 7),
            Quote(
                sipTimestamp: Timestamp(nanoseconds: 2_000), bidPrice: 10, bidSize: 1e9 + 1, bidExchange: 11, askPrice: 10.03, askSize: 2,
                askExchange: 19, sequenceNumber: 1 << 41),
        ]
        let columns = QuoteColumns(quotes)
        #expect(!columns.bidSizes.isNarrow && columns.askSizes.isNarrow && !columns.sequenceNumbers.isNarrow)
        #expect(columns.bidExchanges.isNarrow && !columns.askExchanges.isNarrow)
        for (index, quote) in quotes.enumerated() {
            let record = columns.record(at: index)
            #expect(record.time == quote.sipTimestamp && record.sequenceNumber == quote.sequenceNumber)
            #expect(record.bidPrice == quote.bidPrice && record.askPrice == quote.askPrice)
            #expect(record.bidSize == quote.bidSize && record.askSize == quote.askSize)
            #expect(record.bidExchange == quote.bidExchange && record.askExchange == quote.askExchange)
        }
    }
}
