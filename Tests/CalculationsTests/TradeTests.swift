import Calculations
import MarketData
import Testing

struct TradeIntensityTests {
    @Test func matchesNaiveCounts() throws {
        var random = TestRandom(seed: 21)
        var times: [Timestamp] = []
        var t: Int64 = 0
        for _ in 0..<20_000 {
            t += Int64((random.uniform(0, 0.3) * 1_000).rounded(.down)) * 1_000_000  // some gaps are 0: equal timestamps
            times.append(at(t))
        }
        var intensity = TradeIntensity(recentMinutes: 1, windowMinutes: 30, observedFrom: sessionOpen)
        var fed = 0
        for queryMinute in stride(from: 5, through: 90, by: 5) {
            let asOf = at(Int64(queryMinute) * minute + 123)
            while fed < times.count, times[fed] < asOf {
                intensity.add(at: times[fed])
                fed += 1
            }
            let rates = intensity.rates(asOf: asOf)
            let recent = Double(times.filter { $0 < asOf && $0 >= asOf.advanced(by: -minute) }.count)
            #expect(isClose(rates.recentPerMinute, recent))
            if queryMinute >= 30 {
                let window = Double(times.filter { $0 < asOf && $0 >= asOf.advanced(by: -30 * minute) }.count) / 30
                #expect(isClose(rates.windowPerMinute, window))
                #expect(isClose(rates.ratio, window > 0 ? recent / window : nil))  // trading stops after ~50 min
            } else {
                #expect(rates.windowPerMinute == nil)  // window starts before the data
                #expect(rates.ratio == nil)
            }
        }
    }

    @Test func nonTradesAreNotCounted() {
        var intensity = TradeIntensity(observedFrom: sessionOpen)
        intensity.add(makeTrade(10, 100, at: at(2 * minute)))
        intensity.add(makeTrade(10, 100, at: at(2 * minute), conditions: [TradeConditionTable.marketCenterOfficialOpen]))
        intensity.add(makeTrade(10, 10, at: at(2 * minute), conditions: [TradeConditionTable.oddLot]))
        #expect(intensity.rates(asOf: at(2 * minute + 1)).recentPerMinute == 2)
    }
}

struct TradeSizeProfileTests {
    @Test func handWorkedExample() throws {
        var profile = TradeSizeProfile()
        #expect(profile.blockShare == nil)
        profile.add(makeTrade(10, 50, conditions: [TradeConditionTable.oddLot]))  // odd lot: the SIP flags it
        profile.add(makeTrade(10, 40))  // a whole round lot of a high-priced symbol since the 2025 reform
        profile.add(makeTrade(10, 100))
        profile.add(makeTrade(10, 10_000))  // block
        profile.add(makeTrade(10, 50_000, conditions: [TradeConditionTable.marketCenterOfficialClose]))  // no volume
        profile.add(size: 30)  // a bare size: odd below the 100-share default round lot
        #expect(profile.tradeCount == 5)
        #expect(profile.volume == 10_220)
        #expect(isClose(profile.blockShare, 10_000 / 10_220.0))
        #expect(isClose(profile.oddLotShare, 80 / 10_220.0))
        #expect(isClose(profile.meanTradeSize, 10_220 / 5.0))
    }
}

struct RecentTradesVWAPTests {
    @Test func matchesNaiveWindow() {
        var random = TestRandom(seed: 23)
        var trades: [(price: Double, size: Double)] = []
        var vwap = RecentTradesVWAP(count: 50)
        for i in 0..<1_000 {
            let trade = (price: 100 + random.uniform(-1, 1), size: (random.uniform(1, 500)).rounded())
            trades.append(trade)
            vwap.add(makeTrade(trade.price, trade.size, sequence: Int64(i)))
            // An official-close report in between never counts.
            vwap.add(makeTrade(1, 1_000_000, conditions: [TradeConditionTable.marketCenterOfficialClose]))
            guard trades.count >= 50 else {
                #expect(vwap.value == nil)
                continue
            }
            let window = trades.suffix(50)
            let expected = window.map { $0.price * $0.size }.reduce(0, +) / window.map(\.size).reduce(0, +)
            #expect(isClose(vwap.value, expected, tolerance: 1e-11))
        }
    }
}
