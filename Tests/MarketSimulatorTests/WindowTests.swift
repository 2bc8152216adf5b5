import MarketData
import MarketSimulator
import Testing

/// Any window equals the same slice of the whole day.
struct WindowTests {
    static let day = Fixture.friday

    /// Windows as (start, end) offsets in nanoseconds from 04:00 New York time.
    static let windows: [(String, Int64, Int64)] = {
        let minute = Timestamp.nanosecondsPerMinute
        var windows: [(String, Int64, Int64)] = [
            ("whole extended day", 0, 960 * minute),
            ("one minute at the open", 330 * minute, 331 * minute),
            ("across the open", 329 * minute + 17, 332 * minute - 3),
            ("across the close", 719 * minute, 721 * minute + 1),
            ("empty", 400 * minute, 400 * minute),
            ("before the pre-market", -3 * minute, 2 * minute),
            ("after the post-market", 959 * minute, 965 * minute),
        ]
        // Pseudo-random windows (a fixed LCG, so the test is deterministic).
        var state: UInt64 = 12345
        for index in 0..<12 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let start = Int64(state >> 24) % (960 * minute)
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int64(state >> 30) % (45 * minute)
            windows.append(("random \(index)", start, min(start + length, 960 * minute)))
        }
        return windows
    }()

    @Test(arguments: windows)
    func windowEqualsSliceOfTheDay(_ name: String, _ startOffset: Int64, _ endOffset: Int64) {
        let open = Fixture.at(Self.day, 4, 0)
        let window = Fixture.window(open.advanced(by: startOffset), open.advanced(by: endOffset))
        let day = Fixture.midDay
        let trades = Fixture.simulator.trades(Fixture.mid, in: window)
        let quotes = Fixture.simulator.quotes(Fixture.mid, in: window)
        let bars = Fixture.simulator.minuteBars(Fixture.mid, in: window)
        #expect(Bits.identical(trades, day.trades.filter { window.contains($0.sipTimestamp) }), "\(name)")
        #expect(Bits.identical(quotes, day.quotes.filter { window.contains($0.sipTimestamp) }), "\(name)")
        #expect(Bits.identical(bars, day.bars.filter { window.contains($0.start) }), "\(name)")
    }

    /// One-nanosecond windows at instants shared by several events, and just beside them.
    @Test func oneNanosecondWindows() throws {
        let day = Fixture.midDay
        let events = Event.merged(day.trades, day.quotes)
        var shared: [Timestamp] = []
        for index in 1..<events.count where events[index].sipTimestamp == events[index - 1].sipTimestamp {
            if shared.last != events[index].sipTimestamp { shared.append(events[index].sipTimestamp) }
        }
        try #require(shared.count > 100)
        for instant in shared.prefix(40) {
            for offset: Int64 in [-1, 0, 1] {
                let start = instant.advanced(by: offset)
                let window = Fixture.window(start, start.advanced(by: 1))
                let trades = Fixture.simulator.trades(Fixture.mid, in: window)
                let quotes = Fixture.simulator.quotes(Fixture.mid, in: window)
                #expect(Bits.identical(trades, day.trades.filter { $0.sipTimestamp == start }))
                #expect(Bits.identical(quotes, day.quotes.filter { $0.sipTimestamp == start }))
                if offset == 0 { #expect(trades.count + quotes.count >= 2) }
            }
        }
    }

    @Test func windowsOfAVeryLiquidHourEqualSlices() {
        let hour = Fixture.window(Fixture.at(Self.day, 15, 0), Fixture.at(Self.day, 16, 0))
        let trades = Fixture.simulator.trades(Fixture.spy, in: hour)
        let quotes = Fixture.simulator.quotes(Fixture.spy, in: hour)
        let inner = [
            Fixture.window(Fixture.at(Self.day, 15, 10), Fixture.at(Self.day, 15, 11)),
            Fixture.window(Fixture.at(Self.day, 15, 59, second: 59, nanosecond: 999_000_000), Fixture.at(Self.day, 16, 0)),
            Fixture.window(Fixture.at(Self.day, 15, 20, second: 7, nanosecond: 123), Fixture.at(Self.day, 15, 23, second: 1)),
        ]
        for window in inner {
            #expect(Bits.identical(Fixture.simulator.trades(Fixture.spy, in: window), trades.filter { window.contains($0.sipTimestamp) }))
            #expect(Bits.identical(Fixture.simulator.quotes(Fixture.spy, in: window), quotes.filter { window.contains($0.sipTimestamp) }))
        }
    }

    @Test func forEachMinuteStreamsTheSameRecords() {
        let window = Fixture.window(Fixture.at(Self.day, 9, 45, second: 30), Fixture.at(Self.day, 10, 15, second: 10))
        var trades: [Trade] = []
        var quotes: [Quote] = []
        var bars: [Bar] = []
        var indices: [Int] = []
        Fixture.simulator.forEachMinute(Fixture.mid, in: window) { minute in
            indices.append(minute.index)
            trades += minute.trades
            quotes += minute.quotes
            if let bar = minute.bar { bars.append(bar) }
        }
        #expect(indices == Array(345...375))
        #expect(Bits.identical(trades, Fixture.simulator.trades(Fixture.mid, in: window)))
        #expect(Bits.identical(quotes, Fixture.simulator.quotes(Fixture.mid, in: window)))
        #expect(Bits.identical(bars, Fixture.simulator.minuteBars(Fixture.mid, in: window)))
    }

    @Test func windowAcrossDaysCoversBothDays() {
        let thursday = Fixture.friday.adding(days: -1)
        let window = Fixture.window(Fixture.at(thursday, 19, 30), Fixture.at(Fixture.friday, 4, 30))
        let trades = Fixture.simulator.quotes(Fixture.mid, in: window)
        let thursdayDay = Fixture.simulator.day(Fixture.mid, on: thursday)
        let expected =
            thursdayDay.quotes.filter { window.contains($0.sipTimestamp) }
            + Fixture.midDay.quotes.filter { window.contains($0.sipTimestamp) }
        #expect(Bits.identical(trades, expected))
        #expect(trades.contains { NewYorkTime.date(of: $0.sipTimestamp) == thursday })
        #expect(trades.contains { NewYorkTime.date(of: $0.sipTimestamp) == Fixture.friday })
    }
}
