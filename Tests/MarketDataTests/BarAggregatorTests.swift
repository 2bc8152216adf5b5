import MarketData
import Testing

/// Aggregation worked by hand on small sets of 1-minute bars.
struct BarAggregatorTests {
    static func minute(
        _ newYork: String, _ o: Double, _ h: Double, _ l: Double, _ c: Double, _ v: Double, vwap: Double?,
        n: Int? = 1
    ) throws -> Bar {
        Bar(start: try Timestamp(parsing: newYork), open: o, high: h, low: l, close: c, volume: v, vwap: vwap, transactions: n)
    }

    @Test func fiveMinuteBarsSkipEmptyMinutes() throws {
        let minutes = [
            try Self.minute("2024-03-15 09:30", 10, 11, 9, 10.5, 100, vwap: 10.2, n: 3),
            // 09:31 has no bar: skipped, not invented
            try Self.minute("2024-03-15 09:32", 10.5, 12, 10.4, 11, 300, vwap: 11.5, n: 5),
            try Self.minute("2024-03-15 09:34", 11, 11.2, 8, 9, 100, vwap: 9.0, n: 2),
            try Self.minute("2024-03-15 09:35", 9, 9.5, 8.5, 9.2, 50, vwap: 9.1, n: 1),
        ]
        let bars = BarAggregator.aggregate(minutes, to: .minute5)
        #expect(bars.count == 2)
        let first = bars[0]
        #expect(first.start == (try Timestamp(parsing: "2024-03-15 09:30")))
        #expect(first.end == (try Timestamp(parsing: "2024-03-15 09:35")))
        #expect([first.open, first.high, first.low, first.close, first.volume] == [10, 12, 8, 9, 500])
        // (10.2·100 + 11.5·300 + 9.0·100) / 500 = (1020 + 3450 + 900) / 500 = 10.74
        #expect(abs(first.vwap! - 10.74) < 1e-12)
        #expect(first.transactions == 10)
        #expect(bars[1].start == (try Timestamp(parsing: "2024-03-15 09:35")))
        #expect(bars[1].open == 9)
    }

    @Test func hourBarsAlignToTheClockHourAcrossDST() throws {
        // 2024-03-11 is the first trading day of daylight time: 09:30 New York is 13:30Z.
        let minutes = [
            try Self.minute("2024-03-11 09:30", 1, 2, 1, 2, 10, vwap: 1.5),
            try Self.minute("2024-03-11 09:59", 2, 3, 2, 3, 10, vwap: 2.5),
            try Self.minute("2024-03-11 10:00", 3, 4, 3, 4, 10, vwap: 3.5),
        ]
        let bars = BarAggregator.aggregate(minutes, to: .hour1)
        #expect(bars.map(\.start.newYorkISO8601) == ["2024-03-11T09:00:00-04:00", "2024-03-11T10:00:00-04:00"])
        #expect(bars[0].close == 3)
        #expect(bars[0].volume == 20)
        let thirty = BarAggregator.aggregate(minutes, to: .minute30)
        #expect(thirty.map(\.start.newYorkISO8601) == ["2024-03-11T09:30:00-04:00", "2024-03-11T10:00:00-04:00"])
    }

    @Test func dailyBarTakesPricesFromTheRegularSessionAndVolumeFromTheWholeDay() throws {
        // 2024-11-29 closes at 13:00 (post-market to 17:00): prices from 09:30-12:59 only; volume, count and
        // vwap from 04:00-16:59; the 03:59 and 17:00 minutes lie outside the day and count for nothing.
        let minutes = [
            try Self.minute("2024-11-29 03:59", 70, 70, 70, 70, 5000, vwap: 70, n: 9),
            try Self.minute("2024-11-29 08:00", 50, 99, 1, 50, 1000, vwap: 50),
            try Self.minute("2024-11-29 09:30", 10, 11, 9, 10, 100, vwap: 10),
            try Self.minute("2024-11-29 12:59", 10, 12, 10, 12, 100, vwap: 11),
            try Self.minute("2024-11-29 13:00", 12, 20, 12, 20, 100, vwap: 15),
            try Self.minute("2024-11-29 17:00", 30, 30, 30, 30, 7000, vwap: 30, n: 9),
        ]
        let bars = BarAggregator.aggregate(minutes, to: .daily)
        #expect(bars.count == 1)
        let day = bars[0]
        #expect(day.start.iso8601() == "2024-11-29T05:00:00Z")  // New York midnight, as Polygon's `t`
        #expect(day.end.iso8601() == "2024-11-29T22:00:00Z")  // 17:00 EST, the post-market close
        #expect([day.open, day.high, day.low, day.close] == [10, 12, 9, 12])
        #expect(day.volume == 1300)
        #expect(day.transactions == 4)
        // (50·1000 + 10·100 + 11·100 + 15·100) / 1300 = 53600 / 1300
        #expect(day.vwap == 53_600.0 / 1300.0)
    }

    @Test func aDayWithoutARegularMinuteHasNoDailyBar() throws {
        let minutes = [try Self.minute("2024-03-15 08:00", 1, 1, 1, 1, 10, vwap: 1)]
        #expect(BarAggregator.aggregate(minutes, to: .daily).isEmpty)
    }

    @Test func missingVwapOrCountPropagatesAsNil() throws {
        let minutes = [
            try Self.minute("2024-03-15 09:30", 1, 1, 1, 1, 10, vwap: nil, n: nil),
            try Self.minute("2024-03-15 09:31", 1, 1, 1, 1, 10, vwap: 1, n: 1),
        ]
        let bar = try #require(BarAggregator.aggregate(minutes, to: .minute5).first)
        #expect(bar.vwap == nil)
        #expect(bar.transactions == nil)
    }
}
