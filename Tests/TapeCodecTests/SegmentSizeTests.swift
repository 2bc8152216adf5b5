import MarketData
import MarketSimulator
import Testing

@testable import TapeCodec

/// Segment sizes on a simulated very liquid (SPY-like) full day, extended hours included, in the
/// recorder's default 10-minute chunks. Targets: ≤ 12 bytes per trade and ≤ 10 per quote. Speed targets
/// are measured by `ArchiveBenchmarks` in release builds.
struct SegmentSizeTests {
    static func bytesPerRecord<R: ColumnarRecord>(_ records: [R]) -> (perRecord: Double, bytes: Int) {
        var bytes = 0
        var start = 0
        let chunk = 10 * Timestamp.nanosecondsPerMinute
        while start < records.count {
            let cell = records[start].tapeTime.nanoseconds / chunk
            var end = start
            while end < records.count, records[end].tapeTime.nanoseconds / chunk == cell { end += 1 }
            bytes += SegmentCodec.encode(Array(records[start..<end])).payload.count
            start = end
        }
        return (Double(bytes) / Double(max(records.count, 1)), bytes)
    }

    @Test func veryLiquidDayMeetsTheSizeTargets() throws {
        let window = try SessionCalendar.nyse.sessions(on: Fixture.day).extended
        let simulator = MarketSimulator(seed: 1)
        let trades = simulator.trades(Fixture.spy, in: window)
        let (perTrade, tradeBytes) = Self.bytesPerRecord(trades)
        print("segment size, very liquid day: \(trades.count) trades → \(tradeBytes) bytes = \(perTrade) bytes/trade (target ≤ 12)")
        let quotes = simulator.quotes(Fixture.spy, in: window)
        let (perQuote, quoteBytes) = Self.bytesPerRecord(quotes)
        print("segment size, very liquid day: \(quotes.count) quotes → \(quoteBytes) bytes = \(perQuote) bytes/quote (target ≤ 10)")
        #expect(trades.count > 150_000)
        #expect(quotes.count > 1_500_000)
        #expect(perTrade <= 12)
        #expect(perQuote <= 10)
    }
}
