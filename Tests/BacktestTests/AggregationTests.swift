import Backtest
import MarketData
import Testing

/// The engine's use of ``BarAggregator``: bars built in the cache, seen through views.
struct AggregationTests {
    private func cache(_ bars: [Bar], _ timeframes: Set<Timeframe>, date: String) -> DataCache {
        DataCache(
            symbol: symbol("SPY"), date: try! LocalDate(parsing: date), windows: [:], minuteBars: bars, timeframes: timeframes,
            trades: nil, quotes: nil)
    }

    @Test func fiveMinuteBarsSkipAnEmptyMinute() throws {
        // 09:30, 09:32, 09:33, 09:34 (09:31 had no trade), then 09:35.
        let minutes = [
            minuteBar("2024-03-15T09:30:00-04:00", close: 10, volume: 100),
            minuteBar("2024-03-15T09:32:00-04:00", close: 12, volume: 300),
            minuteBar("2024-03-15T09:33:00-04:00", close: 11, volume: 100),
            minuteBar("2024-03-15T09:34:00-04:00", close: 13, volume: 100),
            minuteBar("2024-03-15T09:35:00-04:00", close: 20, volume: 100),
        ]
        let data = cache(minutes, [.minute5], date: "2024-03-15")
        let view = try #require(data.bars(.minute5, from: time("2024-03-15T09:00:00-04:00"), frontier: time("2024-03-15T09:40:00-04:00")))
        #expect(view.count == 2)
        let first = view[0]
        #expect(first.start == time("2024-03-15T09:30:00-04:00") && first.end == time("2024-03-15T09:35:00-04:00"))
        #expect(first.open == 9.5 && first.close == 13 && first.high == 14 && first.low == 9 && first.volume == 600)
        let notional: Double = 10 * 100 + 12 * 300 + 11 * 100 + 13 * 100
        #expect(first.vwap == notional / 600)
        // At 09:39 the 09:35 bar is still forming: only the first is visible.
        #expect(data.bars(.minute5, from: time("2024-03-15T09:00:00-04:00"), frontier: time("2024-03-15T09:39:59-04:00"))?.count == 1)
    }

    @Test func dailyBarOnAnEarlyCloseTakesRegularPricesAndIsHiddenUntilThePostMarketCloses() throws {
        // 2024-11-29, the day after Thanksgiving: regular session 09:30-13:00, post-market to 17:00.
        let minutes = [
            minuteBar("2024-11-29T09:00:00-05:00", close: 1),  // pre-market: volume only
            minuteBar("2024-11-29T09:30:00-05:00", close: 10),
            minuteBar("2024-11-29T12:59:00-05:00", close: 11),
            minuteBar("2024-11-29T13:00:00-05:00", close: 50),  // post-market: volume only
        ]
        let data = cache(minutes, [.daily], date: "2024-11-29")
        let start = time("2024-11-29T00:00:00-05:00")
        let view = try #require(data.bars(.daily, from: start, frontier: time("2024-11-29T17:00:00-05:00")))
        #expect(view.count == 1)
        #expect(view[0].close == 11 && view[0].high == 12 && view[0].end == time("2024-11-29T17:00:00-05:00"))
        #expect(view[0].volume == minutes.reduce(0) { $0 + $1.volume })
        // The day's own daily bar is never visible before its volume is complete.
        #expect(data.bars(.daily, from: start, frontier: time("2024-11-29T16:59:59.999999999-05:00"))?.isEmpty == true)
    }

    @Test(arguments: [("2024-03-08", "14:00:00Z"), ("2024-03-11", "13:00:00Z")])
    func hourBarsAlignToNewYorkHoursAcrossDST(_ day: String, _ utcStart: String) throws {
        // The first hourly bar of the regular session starts at 09:00 New York time: 14:00Z before the DST
        // change of 2024-03-10, 13:00Z after it.
        let minutes = [minuteBar("\(day)T09:30:00", close: 10), minuteBar("\(day)T09:59:00", close: 12), minuteBar("\(day)T10:00:00", close: 13)]
        let data = cache(minutes, [.hour1], date: day)
        let view = try #require(data.bars(.hour1, from: time("\(day)T04:00:00"), frontier: time("\(day)T11:00:00")))
        #expect(view.count == 2)
        #expect(view[0].start == time("\(day)T\(utcStart)") && view[0].close == 12)
        #expect(view[1].start == time("\(day)T10:00:00"))
    }
}
