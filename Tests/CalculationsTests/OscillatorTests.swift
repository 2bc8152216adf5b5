import Calculations
import MarketData
import Testing

struct RelativeStrengthIndexTests {
    /// StockCharts ChartSchool "Relative Strength Index" spreadsheet (cs-rsi.xls): closes and the
    /// published 14-period Wilder RSI from the 15th close on, rounded to two decimals.
    static let stockChartsCloses: [Double] = [
        44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931,
        46.0328, 45.6140, 46.2820, 46.2820, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521,
        45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
    ]
    static let stockChartsRSI: [Double] = [
        70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87,
        45.46, 37.30, 33.08, 37.77,
    ]

    @Test func stockChartsTable() {
        var rsi = RelativeStrengthIndex(period: 14)
        var values: [Double] = []
        for (i, close) in Self.stockChartsCloses.enumerated() {
            rsi.add(close)
            if i < 14 { #expect(rsi.value == nil) } else if let v = rsi.value { values.append(v) }
        }
        #expect(values.count == Self.stockChartsRSI.count)
        for (got, published) in zip(values, Self.stockChartsRSI) {
            #expect(abs(got - published) < 0.006, "RSI \(got) vs published \(published)")
        }
    }

    /// Wilder's recursion re-run from scratch for every prefix.
    private func naiveRSI(_ closes: ArraySlice<Double>, period: Int) -> Double? {
        let c = Array(closes)
        guard c.count > period else { return nil }
        var gains: [Double] = []
        var losses: [Double] = []
        for i in 1..<c.count {
            gains.append(Swift.max(c[i] - c[i - 1], 0))
            losses.append(Swift.max(c[i - 1] - c[i], 0))
        }
        var g = gains[0..<period].reduce(0, +) / Double(period)
        var l = losses[0..<period].reduce(0, +) / Double(period)
        for i in period..<gains.count {
            g = (g * Double(period - 1) + gains[i]) / Double(period)
            l = (l * Double(period - 1) + losses[i]) / Double(period)
        }
        if l == 0 { return g == 0 ? nil : 100 }
        return 100 * g / (g + l)
    }

    @Test func matchesPrefixRecomputation() {
        let closes = randomBars(count: 200, seed: 13).map(\.close)
        var rsi = RelativeStrengthIndex()
        for i in closes.indices {
            rsi.add(closes[i])
            #expect(isClose(rsi.value, naiveRSI(closes[0...i], period: 14), tolerance: 1e-9))
        }
    }

    @Test func flatIsUndefinedAndRisingIsHundred() {
        var flat = RelativeStrengthIndex(period: 3)
        for _ in 0..<5 { flat.add(10) }
        #expect(flat.value == nil)
        var rising = RelativeStrengthIndex(period: 3)
        for x in [1.0, 2, 3, 4] { rising.add(x) }
        #expect(rising.value == 100)
    }
}

struct AverageTrueRangeTests {
    @Test func handWorkedExample() {
        var atr = AverageTrueRange(period: 3)
        atr.add(high: 10, low: 8, close: 9)  // TR 2 (no previous close)
        atr.add(high: 12, low: 9.5, close: 11.5)  // TR max(2.5, |12 − 9|, |9.5 − 9|) = 3
        #expect(atr.value == nil)
        atr.add(high: 11.8, low: 11, close: 11.2)  // TR max(0.8, 0.3, 0.5) = 0.8
        #expect(isClose(atr.value, (2 + 3 + 0.8) / 3))
        atr.add(high: 13, low: 11.5, close: 12.8)  // TR max(1.5, 1.8, 0.3) = 1.8
        let fourth = (5.8 / 3 * 2 + 1.8) / 3
        #expect(isClose(atr.value, fourth))
        atr.add(high: 10, low: 9, close: 9.5)  // gap down: TR max(1, 2.8, 3.8) = 3.8
        #expect(isClose(atr.trueRange, 3.8))
        #expect(isClose(atr.value, (fourth * 2 + 3.8) / 3))
    }
}

struct StochasticOscillatorTests {
    @Test func matchesNaiveWindows() {
        let bars = randomBars(count: 300, seed: 17)
        var stochastic = StochasticOscillator()
        var ks: [Double?] = []
        for i in bars.indices {
            stochastic.add(high: bars[i].high, low: bars[i].low, close: bars[i].close)
            var k: Double?
            if i >= 13 {
                let window = bars[(i - 13)...i]
                let highest = window.map(\.high).max()!
                let lowest = window.map(\.low).min()!
                k = 100 * (bars[i].close - lowest) / (highest - lowest)
            }
            ks.append(k)
            #expect(isClose(stochastic.percentK, k, tolerance: 1e-12))
            var d: Double?
            if ks.count >= 3, let a = ks[ks.count - 1], let b = ks[ks.count - 2], let c = ks[ks.count - 3] {
                d = (a + b + c) / 3
            }
            #expect(isClose(stochastic.percentD, d, tolerance: 1e-12))
        }
    }

    @Test func zeroRangeIsUndefined() {
        var stochastic = StochasticOscillator(period: 2, smoothing: 2)
        stochastic.add(high: 10, low: 10, close: 10)
        stochastic.add(high: 10, low: 10, close: 10)
        #expect(stochastic.percentK == nil)
        stochastic.add(high: 12, low: 10, close: 11)  // window highs 10, 12; lows 10, 10 → 50
        #expect(stochastic.percentK == 50)
        #expect(stochastic.percentD == nil)  // the previous %K did not exist
        stochastic.add(high: 12, low: 11, close: 12)  // 100 × (12 − 10) / (12 − 10)
        #expect(stochastic.percentK == 100)
        #expect(stochastic.percentD == 75)
    }
}

struct OnBalanceVolumeTests {
    @Test func handWorkedExample() {
        var obv = OnBalanceVolume()
        #expect(obv.value == nil)
        let steps: [(close: Double, volume: Double, obv: Double)] = [
            (10, 100, 0), (11, 200, 200), (11, 300, 200), (10.5, 400, -200), (12, 500, 300),
        ]
        for step in steps {
            obv.add(close: step.close, volume: step.volume)
            #expect(obv.value == step.obv)
        }
    }
}

struct RealizedVolatilityTests {
    @Test func handWorkedExample() {
        var rv = RealizedVolatility(window: 3)
        for close in [100.0, 101, 100] { rv.add(close) }
        #expect(rv.value == nil)
        rv.add(102)
        let r = [(101.0 / 100).logarithm, (100.0 / 101).logarithm, (102.0 / 100).logarithm]
        let sumSquares = r.map { $0 * $0 }.reduce(0, +)
        #expect(isClose(rv.value, sumSquares.squareRoot(), tolerance: 1e-12))
        #expect(isClose(rv.annualized(periodsPerYear: 98_280), (sumSquares / 3 * 98_280).squareRoot(), tolerance: 1e-12))
        rv.add(-1)  // ignored
        #expect(isClose(rv.value, sumSquares.squareRoot(), tolerance: 1e-12))
    }
}

extension Double {
    /// Natural logarithm by the series `2 atanh((x − 1)/(x + 1))`: an oracle independent of libm.
    fileprivate var logarithm: Double {
        let y = (self - 1) / (self + 1)
        var term = y
        var sum = 0.0
        var k = 1.0
        while abs(term / k) > 1e-18 {
            sum += term / k
            term *= y * y
            k += 2
        }
        return 2 * sum
    }
}
