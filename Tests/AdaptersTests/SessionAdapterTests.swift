import Adapters
import Backtest
import Foundation
import MarketData
import Testing

// Session-anchored and multi-session adapters against re-computations on the synthetic week of bars.

private let entry = time("2024-03-15 11:00:30")
private let todayOpen = time("2024-03-15 09:30")
private func bars(on day: String, from start: String = "09:30", before end: Timestamp) -> [Bar] {
    syntheticMinuteBars.filter { $0.start >= time("\(day) \(start)") && $0.start < time("\(day) 16:00") && $0.end <= end }
}

struct SessionAdapterTests {
    @Test func sessionVWAPIgnoresPreMarketAndUsesTypicalPriceWithoutVW() throws {
        let today = bars(on: "2024-03-15", before: entry)
        let pv = today.map { ($0.vwap ?? ($0.high + $0.low + $0.close) / 3) * $0.volume }.reduce(0, +)
        let vwap = pv / today.map(\.volume).reduce(0, +)
        let last = today.last!.close
        #expect(close(try evaluate(SessionVWAPAdapter(), on: syntheticBarCache, at: entry), [vwap, last - vwap, 10_000 * (last - vwap) / vwap]))
        #expect(try evaluate(SessionVWAPAdapter(), on: syntheticBarCache, at: time("2024-03-15 09:30:40")) == [nil, nil, nil])
    }

    @Test func obvFromZeroAtTheOpenAndItsThirtyMinuteChange() throws {
        let today = bars(on: "2024-03-15", before: entry)
        var obv = [0.0]
        for i in 1..<today.count {
            let sign: Double = today[i].close > today[i - 1].close ? 1 : today[i].close < today[i - 1].close ? -1 : 0
            obv.append(obv[i - 1] + sign * today[i].volume)
        }
        let cutoff = entry.advanced(by: -30 * minute)
        let atCutoff = obv[today.lastIndex { $0.end <= cutoff }!]
        #expect(try evaluate(OBVAdapter(), on: syntheticBarCache, at: entry) == [obv.last!, obv.last! - atCutoff])
    }

    @Test func openingRangesAndBreakoutState() throws {
        let today = bars(on: "2024-03-15", before: entry)
        var expected: [Double?] = []
        for n in [15, 30] {
            let end = todayOpen.advanced(by: Int64(n) * minute)
            let inside = today.filter { $0.end <= end }
            let high = inside.map(\.high).max()!, low = inside.map(\.low).min()!
            func code(_ c: Double) -> Double { c > high ? 1 : c < low ? -1 : 0 }
            let after = today.filter { $0.start >= end }
            expected += [high, low, code(after.last!.close), after.map { code($0.close) }.first { $0 != 0 }]
        }
        #expect(try evaluate(OpeningRangeAdapter(), on: syntheticBarCache, at: entry) == expected)
        // Before 09:45 neither range is known; at 09:45 exactly the 15-minute one is complete (its 09:44
        // bar has closed) with no bar after it yet.
        #expect(try evaluate(OpeningRangeAdapter(), on: syntheticBarCache, at: time("2024-03-15 09:44:59")).allSatisfy { $0 == nil })
        let at945 = try evaluate(OpeningRangeAdapter(), on: syntheticBarCache, at: time("2024-03-15 09:45"))
        let first15 = today.filter { $0.end <= time("2024-03-15 09:45") }
        #expect(at945 == [first15.map(\.high).max(), first15.map(\.low).min(), nil, nil, nil, nil, nil, nil])
    }

    @Test func priorSessionLevelsAndGap() throws {
        let prior = bars(on: "2024-03-14", before: entry)
        let high = prior.map(\.high).max()!, low = prior.map(\.low).min()!, last = prior.last!.close
        let open = bars(on: "2024-03-15", before: entry).first!.open
        let values = try evaluate(PriorSessionAdapter(), on: syntheticBarCache, at: entry)
        #expect(close(values, [high, low, last, open - last, 100 * (open - last) / last]))
        // Before the first regular bar closes the gap is unknown, the levels are not.
        let early = try evaluate(PriorSessionAdapter(), on: syntheticBarCache, at: time("2024-03-15 09:30:30"))
        #expect(close(early, [high, low, last, nil, nil]))
    }

    @Test func relativeVolumeAgainstTheSameMinuteOfFivePriorSessions() throws {
        let elapsed = 90  // 09:30 → 11:00:30
        let today = bars(on: "2024-03-15", before: entry).map(\.volume).reduce(0, +)
        // 2024-03-07 is six sessions back: outside the declared window, it must not count.
        let days = ["2024-03-08", "2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14"]
        let expected =
            days.map { day in
                bars(on: day, before: entry).filter { $0.start < time("\(day) 09:30").advanced(by: Int64(elapsed) * minute) }.map(\.volume).reduce(0, +)
            }.reduce(0, +) / 5
        #expect(close(try evaluate(RelativeVolumeAdapter(), on: syntheticBarCache, at: entry), [today / expected, today, expected]))
        #expect(try evaluate(RelativeVolumeAdapter(), on: syntheticBarCache, at: time("2024-03-15 09:30:59")) == [nil, nil, nil])
    }

    @Test func fifteenMinuteEMAAcrossThePriorSession() throws {
        // 15-minute bars rebuilt by hand from 03-14 04:00 on: each bucket's last close.
        let minutes = syntheticMinuteBars.filter { $0.start >= time("2024-03-14 04:00") && $0.end <= entry }
        var buckets: [(Int64, Double)] = []
        for bar in minutes {
            let bucket = bar.start.nanoseconds / (15 * minute)
            if buckets.last?.0 == bucket { buckets[buckets.count - 1].1 = bar.close } else { buckets.append((bucket, bar.close)) }
        }
        // Only buckets that have closed by E (the 11:00 bucket is open).
        let closes = buckets.filter { ($0.0 + 1) * 15 * minute <= entry.nanoseconds }.map(\.1)
        var ema = closes[0..<9].reduce(0, +) / 9
        for x in closes[9...] { ema = 0.2 * x + 0.8 * ema }
        let adapter = try AdapterRegistry.builtIn.adapter(named: "M15EMA")
        let values = try adapter.evaluate(EntryContext(cache: syntheticBarCache, entry: entry, adapter: adapter.name, requirements: adapter.requirements))
        #expect(close(values, [ema, closes.last!]))
        #expect(closes.count == 26 + 1 + 6)  // prior session, the 09:00 pre-market bucket, today to 10:45
    }
}
