import Calculations
import MarketData
import Testing

struct EffectiveSpreadTests {
    @Test func handWorkedExample() throws {
        var effective = EffectiveSpread()
        effective.add(makeTrade(10.00, 100))  // no quote yet: unmatched
        effective.add(makeQuote(10.00, 10.04))  // mid 10.02
        effective.add(makeTrade(10.04, 100))  // 2 × 0.02 = 4¢
        effective.add(makeTrade(10.01, 300))  // 2 × 0.01 = 2¢
        effective.add(makeTrade(12.00, 100, conditions: [TradeConditionTable.oddLot]))  // price not current: ignored
        effective.add(makeTrade(12.00, 100, conditions: [TradeConditionTable.extendedHoursOutOfSequence]))  // ignored
        effective.add(makeQuote(10.05, 10.04))  // crossed
        effective.add(makeTrade(10.04, 100))  // unmatched
        let value = try #require(effective.value)
        #expect(isClose(value.meanCents, 3))
        #expect(isClose(value.volumeWeightedMeanCents, (4 * 100 + 2 * 300) / 400.0))
        let bps = [0.04 / 10.02 * 10_000, 0.02 / 10.02 * 10_000]
        #expect(isClose(value.meanBasisPoints, (bps[0] + bps[1]) / 2))
        #expect(isClose(value.volumeWeightedMeanBasisPoints, (bps[0] * 100 + bps[1] * 300) / 400))
        #expect(value.matchedTrades == 2 && value.unmatchedTrades == 2)
    }
}

struct VolumeAtQuoteTests {
    @Test func handWorkedExample() throws {
        var location = VolumeAtQuote()
        location.add(makeTrade(10.00, 50))  // no quote: unclassified
        location.add(makeQuote(10.00, 10.04))
        location.add(makeTrade(10.04, 100))  // ask
        location.add(makeTrade(10.05, 100))  // through the ask: ask
        location.add(makeTrade(10.00, 300))  // bid
        location.add(makeTrade(10.02, 500))  // inside
        location.add(makeQuote(10.02, 10.02))  // locked
        location.add(makeTrade(10.02, 70))  // at the locked price: unclassified
        location.add(makeTrade(10.01, 30))  // below the locked price: bid
        let total = 1_030.0
        #expect(isClose(location.askShare, 200 / total))
        #expect(isClose(location.bidShare, 330 / total))
        #expect(isClose(location.insideShare, 500 / total))
        #expect(location.unclassifiedVolume == 120)
    }
}

struct KyleLambdaTests {
    /// Interval k (k ≥ 1) has one trade of signed size xₖ against mid mₖ, then a quote moving the mid to
    /// mₖ₊₁; the regression sees (xₖ, mₖ₊₁ − mₖ). The oracle is the textbook OLS slope from raw sums.
    @Test func matchesTextbookOLS() throws {
        var random = TestRandom(seed: 31)
        var kyle = KyleLambda(intervalSeconds: 60, minimumIntervals: 10)
        var mid = 50.0
        var xs: [Double] = []
        var ys: [Double] = []
        kyle.add(makeQuote(mid - 0.01, mid + 0.01, at: at(10 * second)))  // interval 0: no start mid, skipped
        let intervals = 40
        for k in 1...intervals {
            let base = Int64(k) * minute
            let size = (random.uniform(100, 2_000)).rounded()
            let buy = random.unit() < 0.5
            kyle.add(makeTrade(buy ? mid + 0.01 : mid - 0.01, size, at: at(base + 5 * second)))
            kyle.add(makeTrade(((mid - 0.01) + (mid + 0.01)) / 2, 1_000, at: at(base + 6 * second)))  // at the mid: sign 0
            let x = buy ? size : -size
            let move = (0.00002 * x + random.uniform(-0.01, 0.01) * 100).rounded() / 100
            mid += move
            kyle.add(makeQuote(mid - 0.01, mid + 0.01, at: at(base + 20 * second)))
            xs.append(x)
            ys.append(move)
        }
        let asOf = at(Int64(intervals + 1) * minute)  // the last interval ends exactly here: complete
        let n = Double(xs.count)
        let sx = xs.reduce(0, +)
        let sy = ys.reduce(0, +)
        let sxy = zip(xs, ys).map { $0 * $1 }.reduce(0, +)
        let sxx = xs.map { $0 * $0 }.reduce(0, +)
        let slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
        let value = try #require(kyle.estimate(asOf: asOf))
        #expect(value.intervals == intervals)
        #expect(isClose(value.lambda, slope, tolerance: 1e-9))
        #expect(isClose(value.intercept, (sy - slope * sx) / n, tolerance: 1e-9))
        // One nanosecond earlier the last interval is incomplete.
        #expect(try #require(kyle.estimate(asOf: asOf.advanced(by: -1))).intervals == intervals - 1)
    }

    @Test func exactLinearImpact() throws {
        var kyle = KyleLambda(intervalSeconds: 1, minimumIntervals: 2)
        var mid = 20.0
        kyle.add(makeQuote(mid - 0.05, mid + 0.05, at: at(0)))
        for (k, x) in [300.0, -100, 200, 0, -400].enumerated() {
            let t = Int64(k + 1) * second
            if x != 0 { kyle.add(makeTrade(x > 0 ? mid + 0.05 : mid - 0.05, abs(x), at: at(t + 1))) }
            mid += 0.0001 * x
            kyle.add(makeQuote(mid - 0.05, mid + 0.05, at: at(t + 2)))
        }
        let value = try #require(kyle.estimate(asOf: at(10 * second)))
        #expect(isClose(value.lambda, 0.0001, tolerance: 1e-9))
        #expect(isClose(value.rSquared, 1, tolerance: 1e-9))
        #expect(KyleLambda(minimumIntervals: 2).estimate(asOf: at(0)) == nil)
    }
}
