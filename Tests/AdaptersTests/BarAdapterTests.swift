import Adapters
import Backtest
import Foundation
import MarketData
import Testing

// Each 1-minute indicator adapter against a straightforward re-computation over the bars that the design's
// window rule makes visible (start ≥ aligned lookback start, end ≤ E), on synthetic bars with missing
// minutes and a pre-market bar. The entry is mid-minute so the bar in progress must be left out.

private let entry = time("2024-03-15 11:00:30")
private func closes(_ lookback: Int) -> [Double] { visibleMinuteBars(syntheticMinuteBars, entry: entry, lookbackMinutes: lookback).map(\.close) }

/// EMA seeded by the mean of the first `period` values, then `α x + (1 − α) ema`.
private func naiveEMA(_ xs: [Double], _ period: Int) -> [Double?] {
    let alpha = 2 / Double(period + 1)
    var out: [Double?] = []
    var ema: Double?
    for (i, x) in xs.enumerated() {
        if i + 1 == period { ema = xs[0..<period].reduce(0, +) / Double(period) } else if let e = ema { ema = alpha * x + (1 - alpha) * e }
        out.append(ema)
    }
    return out
}

struct OneMinuteIndicatorTests {
    @Test func emaOn1MinuteBars() throws {
        let adapter = EMAAdapter(name: "M1EMA20", timeframe: .minute1, period: 20, lookbackBars: 60)
        let xs = closes(60)
        #expect(close(try evaluate(adapter, on: syntheticBarCache, at: entry), [naiveEMA(xs, 20).last!, xs.last]))
    }

    @Test func smaOfTheNewestTwentyCloses() throws {
        let xs = closes(40)
        let sma = xs.suffix(20).reduce(0, +) / 20
        #expect(close(try evaluate(SMAAdapter(), on: syntheticBarCache, at: entry), [sma, xs.last!, 10_000 * (xs.last! - sma) / sma]))
    }

    @Test func wilderRSI() throws {
        let xs = closes(120)
        var gain = 0.0, loss = 0.0
        for i in 1...14 { gain += max(xs[i] - xs[i - 1], 0) / 14; loss += max(xs[i - 1] - xs[i], 0) / 14 }
        for i in 15..<xs.count {
            gain = (gain * 13 + max(xs[i] - xs[i - 1], 0)) / 14
            loss = (loss * 13 + max(xs[i - 1] - xs[i], 0)) / 14
        }
        #expect(close(try evaluate(RSIAdapter(), on: syntheticBarCache, at: entry), [100 - 100 / (1 + gain / loss)]))
        // The 09:00 pre-market bar is inside the 120-minute lookback and is part of the series.
        #expect(visibleMinuteBars(syntheticMinuteBars, entry: entry, lookbackMinutes: 120).first?.start == time("2024-03-15 09:00"))
    }

    @Test func macdLineSignalHistogram() throws {
        let xs = closes(120)
        let fast = naiveEMA(xs, 12), slow = naiveEMA(xs, 26)
        let line = zip(fast, slow).compactMap { f, s in s.map { f! - $0 } }
        let signal = naiveEMA(line, 9).last!!
        let values = try evaluate(MACDAdapter(), on: syntheticBarCache, at: entry)
        #expect(close(values, [line.last!, signal, line.last! - signal], tolerance: 1e-8))
    }

    @Test func bollingerPercentBAndBandwidth() throws {
        let xs = Array(closes(40).suffix(20))
        let mean = xs.reduce(0, +) / 20
        let sigma = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20).squareRoot()
        let upper = mean + 2 * sigma, lower = mean - 2 * sigma
        let values = try evaluate(BollingerAdapter(), on: syntheticBarCache, at: entry)
        #expect(close(values, [mean, upper, lower, (xs.last! - lower) / (upper - lower), (upper - lower) / mean], tolerance: 1e-8))
    }

    @Test func wilderATR() throws {
        let bars = visibleMinuteBars(syntheticMinuteBars, entry: entry, lookbackMinutes: 120)
        let tr = bars.indices.map { i in
            i == 0
                ? bars[i].high - bars[i].low
                : max(bars[i].high - bars[i].low, abs(bars[i].high - bars[i - 1].close), abs(bars[i].low - bars[i - 1].close))
        }
        var atr = tr[0..<14].reduce(0, +) / 14
        for value in tr[14...] { atr = (atr * 13 + value) / 14 }
        #expect(close(try evaluate(ATRAdapter(), on: syntheticBarCache, at: entry), [atr, 10_000 * atr / bars.last!.close]))
    }

    @Test func stochasticKAndD() throws {
        let bars = visibleMinuteBars(syntheticMinuteBars, entry: entry, lookbackMinutes: 30)
        func k(_ end: Int) -> Double {
            let window = bars[(end - 13)...end]
            let hh = window.map(\.high).max()!, ll = window.map(\.low).min()!
            return 100 * (bars[end].close - ll) / (hh - ll)
        }
        let n = bars.count - 1
        #expect(close(try evaluate(StochasticAdapter(), on: syntheticBarCache, at: entry), [k(n), (k(n) + k(n - 1) + k(n - 2)) / 3]))
    }

    @Test func rateOfChangeOverTenBars() throws {
        let xs = closes(30)
        let reference = xs[xs.count - 11]
        #expect(close(try evaluate(RateOfChangeAdapter(), on: syntheticBarCache, at: entry), [100 * (xs.last! - reference) / reference]))
    }

    @Test func realizedVolatilityOfThirtyLogReturns() throws {
        let xs = Array(closes(60).suffix(31))
        let sumSquares = (1..<31).map { log(xs[$0] / xs[$0 - 1]) }.map { $0 * $0 }.reduce(0, +)
        let values = try evaluate(RealizedVolatilityAdapter(), on: syntheticBarCache, at: entry)
        #expect(close(values, [sumSquares.squareRoot(), (sumSquares / 30 * 252 * 390).squareRoot()], tolerance: 1e-8))
    }

    @Test(arguments: [30, 60]) func trendSlope(period: Int) throws {
        let ys = Array(closes(2 * period).suffix(period))
        let xMean = Double(period - 1) / 2, yMean = ys.reduce(0, +) / Double(period)
        var sxy = 0.0, sxx = 0.0
        for (i, y) in ys.enumerated() { sxy += (Double(i) - xMean) * (y - yMean); sxx += (Double(i) - xMean) * (Double(i) - xMean) }
        let slope = sxy / sxx
        #expect(close(try evaluate(TrendAdapter(period: period), on: syntheticBarCache, at: entry), [slope, 10_000 * slope / yMean], tolerance: 1e-7))
    }

    @Test func amihudPerMillionDollars() throws {
        let bars = Array(visibleMinuteBars(syntheticMinuteBars, entry: entry, lookbackMinutes: 60).suffix(31))
        let ratios = (1..<31).map { i in abs(bars[i].close / bars[i - 1].close - 1) / (bars[i].volume * (bars[i].vwap ?? bars[i].close)) }
        #expect(close(try evaluate(AmihudAdapter(), on: syntheticBarCache, at: entry), [ratios.reduce(0, +) / 30 * 1_000_000]))
    }

    /// Warm-up: a 09:40 entry has too few bars for the slow indicators, and they say so with `null`.
    @Test func earlyEntriesAreNullNotGuessed() throws {
        let early = time("2024-03-15 09:40")
        #expect(try evaluate(MACDAdapter(), on: syntheticBarCache, at: early).allSatisfy { $0 == nil })
        #expect(try evaluate(SMAAdapter(), on: syntheticBarCache, at: early)[0] == nil)
        #expect(try evaluate(TrendAdapter(period: 30), on: syntheticBarCache, at: early) == [nil, nil])
        #expect(try evaluate(RealizedVolatilityAdapter(), on: syntheticBarCache, at: early) == [nil, nil])
        #expect(try evaluate(RSIAdapter(), on: syntheticBarCache, at: early) == [nil])
    }
}
