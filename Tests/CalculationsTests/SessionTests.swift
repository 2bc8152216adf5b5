import Calculations
import MarketData
import Testing

struct SessionVWAPTests {
    @Test func barsUseVWAPOrTypicalPrice() throws {
        var vwap = SessionVWAP()
        #expect(vwap.value == nil)
        vwap.add(makeBar(minuteIndex: 0, high: 11, low: 9, close: 10, volume: 100, vwap: 10.2))
        vwap.add(makeBar(minuteIndex: 1, high: 12, low: 9, close: 12, volume: 300))  // typical (12 + 9 + 12) / 3 = 11
        let expected = (10.2 * 100 + 11 * 300) / 400
        #expect(isClose(vwap.value, expected))
        let distance = try #require(vwap.distance(from: 11.5))
        #expect(isClose(distance.dollars, 11.5 - expected))
        #expect(isClose(distance.basisPoints, (11.5 - expected) / expected * 10_000))
        vwap.reset()
        #expect(vwap.value == nil)
    }

    @Test func tradesFollowTheVolumeRule() {
        var vwap = SessionVWAP()
        vwap.add(makeTrade(10, 100))
        vwap.add(makeTrade(11, 50, conditions: [TradeConditionTable.oddLot]))  // odd lots count towards volume
        vwap.add(makeTrade(99, 1_000, conditions: [TradeConditionTable.marketCenterOfficialClose]))  // not a trade
        #expect(isClose(vwap.value, (10 * 100 + 11 * 50) / 150.0))
    }

    /// The real API sends fractional sizes and volumes (a 2026 minute bar had `v` = 9099.618093); a
    /// calculation must weigh them as they are, never rounded to whole shares.
    @Test func fractionalSizesWeighExactly() {
        var vwap = SessionVWAP()
        vwap.add(makeTrade(10, 0.5))
        vwap.add(makeTrade(12, 1.25))
        // (10·0.5 + 12·1.25) / 1.75 = (5 + 15) / 1.75 = 11.428571…
        #expect(vwap.value == 20 / 1.75)
        var bars = SessionVWAP()
        bars.add(makeBar(minuteIndex: 0, high: 11, low: 9, close: 10, volume: 9099.618093, vwap: 10.5))
        bars.add(makeBar(minuteIndex: 1, high: 11, low: 9, close: 10, volume: 0.381907, vwap: 11))
        #expect(isClose(bars.value, (10.5 * 9099.618093 + 11 * 0.381907) / 9100))
    }
}

struct OpeningRangeTests {
    @Test func fifteenMinuteRangeAndBreakout() {
        var range = OpeningRange(sessionOpen: sessionOpen, minutes: 15)
        // A pre-market bar is ignored.
        range.add(makeBar(minuteIndex: -1, high: 200, low: 1, close: 100))
        for i in 0..<14 {
            range.add(makeBar(minuteIndex: i, high: 100 + Double(i % 5), low: 99 - Double(i % 3), close: 100))
            #expect(range.high == nil && range.low == nil)
        }
        range.add(makeBar(minuteIndex: 14, high: 101, low: 98.5, close: 100))  // ends at 09:45
        #expect(range.isComplete)
        #expect(range.high == 104)
        #expect(range.low == 97)
        #expect(range.state == nil && range.firstBreakout == nil)
        range.add(makeBar(minuteIndex: 15, high: 104, low: 100, close: 104))  // touching the high: inside
        #expect(range.state == .inside)
        #expect(range.firstBreakout == nil)
        range.add(makeBar(minuteIndex: 16, high: 106, low: 103, close: 105))
        #expect(range.state == .above && range.firstBreakout == .above)
        range.add(makeBar(minuteIndex: 17, high: 100, low: 96, close: 96.5))
        #expect(range.state == .below && range.firstBreakout == .above)
        #expect(range.position(of: 100) == .inside)
    }

    @Test func missingLastMinuteCompletesByTime() {
        var range = OpeningRange(sessionOpen: sessionOpen, minutes: 30)
        range.add(makeBar(minuteIndex: 0, high: 10, low: 9, close: 9.5))
        range.add(makeBar(minuteIndex: 28, high: 11, low: 9.5, close: 10))  // ends 09:59; 09:59 bar missing
        #expect(range.high == nil)
        range.advance(to: at(29 * minute))
        #expect(range.high == nil)
        range.advance(to: at(30 * minute))
        #expect(range.high == 11 && range.low == 9)
    }
}

struct PriorSessionLevelsTests {
    @Test func levelsAndGap() throws {
        var prior = PriorSessionLevels()
        #expect(prior.gap(open: 10) == nil)
        prior.add(high: 10.5, low: 9.8, close: 10.1)
        prior.add(high: 10.9, low: 10.0, close: 10.6)
        prior.add(high: 10.7, low: 9.6, close: 10.0)
        #expect(prior.high == 10.9 && prior.low == 9.6 && prior.close == 10.0)
        let gap = try #require(prior.gap(open: 10.3))
        #expect(isClose(gap.points, 0.3))
        #expect(isClose(gap.percent, 3))
        let daily = PriorSessionLevels(daily: Bar(start: sessionOpen, timeframe: .daily, open: 1, high: 3, low: 0.5, close: 2, volume: 9))
        #expect(isClose(daily.gap(open: 1.5)?.percent, -25))
    }
}

struct RelativeVolumeTests {
    @Test func handWorkedExampleWithEarlyClose() {
        // Session A lasted 3 minutes, session B (an early close) 2.
        var rvol = RelativeVolume(priorSessions: [[100, 200, 300], [300, 400]])
        rvol.add(volume: 150)
        rvol.add(volume: 250)
        #expect(isClose(rvol.expectedVolume(elapsedMinutes: 1), 200))  // (100 + 300) / 2
        #expect(isClose(rvol.expectedVolume(elapsedMinutes: 2), 500))  // (300 + 700) / 2
        #expect(isClose(rvol.expectedVolume(elapsedMinutes: 3), 600))  // A only
        #expect(isClose(rvol.ratio(elapsedMinutes: 2), 0.8))
        #expect(rvol.ratio(elapsedMinutes: 0) == nil)
        #expect(rvol.ratio(elapsedMinutes: 4) == nil)
        #expect(RelativeVolume(priorSessions: []).ratio(elapsedMinutes: 1) == nil)
        #expect(RelativeVolume(priorSessions: [[0]]).ratio(elapsedMinutes: 1) == nil)
    }
}

struct AmihudIlliquidityTests {
    @Test func handWorkedExample() {
        var amihud = AmihudIlliquidity(window: 2)
        amihud.add(makeBar(minuteIndex: 0, high: 100, low: 100, close: 100, volume: 1_000))
        amihud.add(makeBar(minuteIndex: 1, high: 101, low: 100, close: 101, volume: 2_000, vwap: 100.5))
        #expect(amihud.value == nil)
        amihud.add(makeBar(minuteIndex: 2, high: 101, low: 99.99, close: 99.99, volume: 500))
        let first = 0.01 / (2_000 * 100.5)
        let secondExact = (101 - 99.99) / 101 / (500 * 99.99)
        #expect(isClose(amihud.value, (first + secondExact) / 2, tolerance: 1e-12))
    }
}
