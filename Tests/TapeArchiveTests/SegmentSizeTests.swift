import MarketData
import MarketSimulator
import Testing

@testable import TapeArchive

/// Segment sizes on the very liquid profile, in the recorder's default 10-minute chunks. The targets are
/// ≤ 12 bytes per trade and ≤ 10 per quote; speed targets are measured by `ArchiveBenchmarks` in release.
struct SegmentSizeTests {
    /// The first regular-session hour of SPY: the busiest hour of a very liquid day.
    static let window = Fixture.window((9, 30), (10, 30))
    static let simulator = MarketSimulator(seed: 1)

    static func bytesPerRecord<R: ArchivableRecord>(_ records: [R]) -> (Double, Int) {
        var bytes = 0
        var start = 0
        let chunk = 10 * Timestamp.nanosecondsPerMinute
        while start < records.count {
            let cell = records[start].archiveTime.nanoseconds / chunk
            var end = start
            while end < records.count, records[end].archiveTime.nanoseconds / chunk == cell { end += 1 }
            bytes += SegmentCodec.encode(Array(records[start..<end])).payload.count
            start = end
        }
        return (Double(bytes) / Double(max(records.count, 1)), bytes)
    }

    @Test func tradeSegmentsStayUnderTwelveBytesPerTrade() throws {
        let trades = Self.simulator.trades(Fixture.spy, in: Self.window)
        let (perTrade, bytes) = Self.bytesPerRecord(trades)
        print("segment size: \(trades.count) trades → \(bytes) bytes = \(perTrade) bytes/trade (target ≤ 12)")
        #expect(trades.count > 20_000)
        #expect(perTrade <= 12)
    }

    @Test func quoteSegmentsStayUnderTenBytesPerQuote() throws {
        let quotes = Self.simulator.quotes(Fixture.spy, in: Fixture.window((9, 30), (9, 50)))
        let (perQuote, bytes) = Self.bytesPerRecord(quotes)
        print("segment size: \(quotes.count) quotes → \(bytes) bytes = \(perQuote) bytes/quote (target ≤ 10)")
        #expect(quotes.count > 50_000)
        #expect(perQuote <= 10)
    }
}
