import MarketData
import MarketSimulator
import Testing

/// Minute bars are built from the simulator's own trades, by the project's one rule.
struct AggregateTests {
    static let days: [(String, SimulatedDay)] = [("mid", Fixture.midDay), ("illiquid", Fixture.illiquidDay)]

    @Test(arguments: days)
    func barsEqualBarBuilderOverTheTrades(_ name: String, _ day: SimulatedDay) {
        #expect(!day.bars.isEmpty)
        #expect(Bits.identical(day.bars, BarBuilder.bars(from: day.trades)), "\(name)")
    }

    /// An independent computation written out by hand: per minute, open/close from the first/last trade
    /// allowed to set them, high/low over trades allowed to set high/low or open/close, volume, vwap and
    /// count over trades that update volume — straight from the eligibility flags, with Form T (12) allowed
    /// to set prices outside 09:30-16:00 New York time (Massive's extended-hours rule; 2024-03-15 is EDT,
    /// so the regular session is 13:30-20:00 UTC).
    @Test(arguments: days)
    func barsEqualAHandComputation(_ name: String, _ day: SimulatedDay) {
        var expected: [Bar] = []
        var index = 0
        let trades = day.trades
        while index < trades.count {
            let minuteStart = trades[index].sipTimestamp.nanoseconds / Timestamp.nanosecondsPerMinute
            var end = index
            while end < trades.count, trades[end].sipTimestamp.nanoseconds / Timestamp.nanosecondsPerMinute == minuteStart {
                end += 1
            }
            var open: Double?
            var close = 0.0
            var high = -Double.infinity
            var low = Double.infinity
            var volume = 0.0
            var notional = 0.0
            var count = 0
            for trade in trades[index..<end] {
                let codes = Array(trade.conditions ?? [])
                let utcMinuteOfDay = (trade.sipTimestamp.nanoseconds / Timestamp.nanosecondsPerMinute) % 1440
                let extended = utcMinuteOfDay < 13 * 60 + 30 || utcMinuteOfDay >= 20 * 60
                var highLow = true
                var openClose = true
                var countsVolume = true
                for code in codes {
                    let rule = TradeConditionTable.builtIn.eligibility(of: code)
                    let formTOutside = extended && code == 12
                    highLow = highLow && (rule.updatesHighLow || formTOutside)
                    openClose = openClose && (rule.updatesOpenClose || formTOutside)
                    countsVolume = countsVolume && rule.updatesVolume
                }
                if countsVolume {
                    volume += trade.size
                    notional += trade.price * trade.size
                    count += 1
                }
                if openClose {
                    if open == nil { open = trade.price }
                    close = trade.price
                }
                if highLow || openClose {
                    if trade.price > high { high = trade.price }
                    if trade.price < low { low = trade.price }
                }
            }
            if let open {
                expected.append(
                    Bar(
                        start: Timestamp(nanoseconds: minuteStart * Timestamp.nanosecondsPerMinute), open: open,
                        high: high, low: low, close: close, volume: volume, vwap: volume > 0 ? notional / volume : nil,
                        transactions: count
                    )
                )
            }
            index = end
        }
        #expect(Bits.identical(day.bars, expected), "\(name)")
    }

    @Test func extendedHoursHaveBarsAndEveryBarIsConsistent() throws {
        let sessions = try #require(Fixture.midDay.sessions)
        for bar in Fixture.midDay.bars {
            #expect(sessions.extended.contains(bar.start))
            #expect(bar.low <= min(bar.open, bar.close) && bar.high >= max(bar.open, bar.close))
            #expect(bar.volume > 0 && (bar.transactions ?? 0) > 0)
            if let vwap = bar.vwap { #expect(vwap > 0) }
        }
        // A mid symbol trades every regular-session minute, and Form T prints make pre- and post-market bars.
        #expect(Fixture.midDay.bars.filter { sessions.regular.contains($0.start) }.count == 390)
        #expect(Fixture.midDay.bars.contains { sessions.preMarket.contains($0.start) })
        #expect(Fixture.midDay.bars.contains { sessions.postMarket.contains($0.start) })
    }

    @Test func veryLiquidBarsEqualBarBuilder() {
        let window = Fixture.window(Fixture.at(Fixture.friday, 9, 30), Fixture.at(Fixture.friday, 9, 40))
        let bars = Fixture.simulator.minuteBars(Fixture.spy, in: window)
        #expect(bars.count == 10)
        #expect(Bits.identical(bars, BarBuilder.bars(from: Fixture.simulator.trades(Fixture.spy, in: window))))
    }
}
