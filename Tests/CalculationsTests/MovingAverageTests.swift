import Calculations
import Foundation
import MarketData
import Testing

struct SimpleMovingAverageTests {
    @Test func handWorkedExample() {
        var sma = SimpleMovingAverage(period: 3)
        sma.add(1)
        sma.add(2)
        #expect(sma.value == nil)
        sma.add(3)
        #expect(sma.value == 2)
        sma.add(7)
        #expect(isClose(sma.value, 4))  // (2 + 3 + 7) / 3
    }

    @Test(arguments: [1, 5, 20])
    func matchesNaiveMean(period: Int) {
        let closes = randomBars(count: 500, seed: 7).map(\.close)
        var sma = SimpleMovingAverage(period: period)
        for (i, close) in closes.enumerated() {
            sma.add(close)
            let expected: Double? = i + 1 < period ? nil : closes[(i + 1 - period)...i].reduce(0, +) / Double(period)
            #expect(isClose(sma.value, expected, tolerance: 1e-12))
        }
    }
}

struct MACDTests {
    /// Seeded EMA of a whole prefix by its closed form, written apart from the kernel.
    private func naiveEMA(_ xs: ArraySlice<Double>, period n: Int) -> Double? {
        guard xs.count >= n else { return nil }
        let alpha = 2 / Double(n + 1)
        let values = Array(xs)
        let seed = values[0..<n].reduce(0, +) / Double(n)
        let m = values.count
        var result = pow(1 - alpha, Double(m - n)) * seed
        for k in n..<m { result += alpha * pow(1 - alpha, Double(m - 1 - k)) * values[k] }
        return result
    }

    @Test func matchesClosedFormEMAs() {
        let closes = randomBars(count: 120, seed: 11).map(\.close)
        var macd = MovingAverageConvergenceDivergence()
        var lines: [Double] = []
        for i in closes.indices {
            macd.add(closes[i])
            let prefix = closes[0...i]
            var line: Double?
            if let f = naiveEMA(prefix, period: 12), let s = naiveEMA(prefix, period: 26) { line = f - s }
            if let line { lines.append(line) }
            let signal = naiveEMA(lines[...], period: 9)
            #expect(isClose(macd.line, line, tolerance: 1e-9))
            #expect(isClose(macd.signal, signal, tolerance: 1e-9))
            #expect(isClose(macd.histogram, signal.flatMap { s in line.map { $0 - s } }, tolerance: 1e-9))
            // Warm-up: line from the 26th close, signal from the 34th.
            #expect((macd.line != nil) == (i >= 25))
            #expect((macd.signal != nil) == (i >= 33))
        }
    }
}

struct BollingerBandsTests {
    @Test func handWorkedExample() throws {
        var bands = BollingerBands(period: 3, deviations: 2)
        bands.add(1)
        bands.add(2)
        #expect(bands.value == nil)
        bands.add(3)
        let value = try #require(bands.value)
        let sigma = (2.0 / 3).squareRoot()  // population: ((1-2)² + 0 + (3-2)²) / 3
        #expect(isClose(value.middle, 2))
        #expect(isClose(value.upper, 2 + 2 * sigma))
        #expect(isClose(value.lower, 2 - 2 * sigma))
        #expect(isClose(value.percentB, (3 - (2 - 2 * sigma)) / (4 * sigma)))
        #expect(isClose(value.bandwidth, 4 * sigma / 2))
    }

    @Test func flatSeriesHasNoPercentB() throws {
        var bands = BollingerBands(period: 4)
        for _ in 0..<4 { bands.add(50) }
        let value = try #require(bands.value)
        #expect(value.percentB == nil)
        #expect(value.bandwidth == 0)
    }

    @Test func matchesTwoPassComputation() {
        let closes = randomBars(count: 600, seed: 3).map(\.close)
        var bands = BollingerBands()
        for i in closes.indices {
            bands.add(closes[i])
            guard i >= 19 else {
                #expect(bands.value == nil)
                continue
            }
            let window = closes[(i - 19)...i]
            let mean = window.reduce(0, +) / 20
            let sigma = (window.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20).squareRoot()
            let value = bands.value
            #expect(isClose(value?.middle, mean, tolerance: 1e-10))
            #expect(isClose(value?.standardDeviation, sigma, tolerance: 1e-7))
            #expect(isClose(value?.percentB, (closes[i] - (mean - 2 * sigma)) / (4 * sigma), tolerance: 1e-7))
            #expect(isClose(value?.bandwidth, 4 * sigma / mean, tolerance: 1e-7))
        }
    }
}

struct RateOfChangeTests {
    @Test func handWorkedExample() {
        var roc = RateOfChange(period: 2)
        roc.add(10)
        roc.add(11)
        #expect(roc.value == nil)
        roc.add(12.1)
        #expect(isClose(roc.value, 21))  // 100 × (12.1 − 10) / 10
        roc.add(9.9)
        #expect(isClose(roc.value, -10))  // 100 × (9.9 − 11) / 11
    }
}

struct TrendSlopeTests {
    @Test func straightLine() throws {
        var trend = TrendSlope(period: 3)
        trend.add(1)
        trend.add(3)
        #expect(trend.value == nil)
        trend.add(5)
        let value = try #require(trend.value)
        #expect(isClose(value.slope, 2))
        #expect(isClose(value.basisPointsPerBar, 2.0 / 3 * 10_000))
    }

    @Test(arguments: [30, 60])
    func matchesCenteredLeastSquares(period: Int) {
        let closes = randomBars(count: 400, seed: 5).map(\.close)
        var trend = TrendSlope(period: period)
        for i in closes.indices {
            trend.add(closes[i])
            guard i >= period - 1 else { continue }
            let ys = Array(closes[(i - period + 1)...i])
            let xMean = Double(period - 1) / 2
            let yMean = ys.reduce(0, +) / Double(period)
            var num = 0.0
            var den = 0.0
            for (x, y) in ys.enumerated() {
                num += (Double(x) - xMean) * (y - yMean)
                den += (Double(x) - xMean) * (Double(x) - xMean)
            }
            #expect(isClose(trend.value?.slope, num / den, tolerance: 1e-8))
        }
    }
}
