import Adapters
import Backtest
import Benchmark
import Calculations
import Foundation
import MarketData
import MarketSimulator
import TapeArchive

// Engine benchmarks (issue 7). Targets: the merged stream driving the four kernels ≥ 5M events/s/core;
// one entry with 2 h of lookback on the mid profile ≤ 50 ms p50 (simulator source, fetch included);
// 1000 entries over one very liquid symbol-day with all adapters < 10 s.

private let date = try! LocalDate(parsing: "2024-03-15")
private func at(_ text: String) -> Timestamp { try! Timestamp(parsing: "2024-03-15 " + text) }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal], maxDuration: .seconds(10))

    // The merged stream of 1-min and 5-min bar closes, quotes and trades of a very liquid hour, each
    // event dispatched to the four kernels. Throughput is reported per event (scaled by event count).
    let spy = try! Symbol("SPY")
    let hour = TimeWindow(uncheckedStart: at("10:00"), end: at("11:00"))
    let simulator = MarketSimulator(seed: 1)
    let minuteBars = simulator.minuteBars(spy, in: hour)
    let cache = DataCache(
        symbol: spy, date: date, trades: TradeColumns(simulator.trades(spy, in: hour)), quotes: QuoteColumns(simulator.quotes(spy, in: hour)),
        bars: [
            .minute1: BarColumns(minuteBars, timeframe: .minute1),
            .minute5: BarColumns(BarAggregator.aggregate(minuteBars, to: .minute5), timeframe: .minute5),
        ])
    let streamEvents = { () -> Int in
        let views = (cache.bars(.minute1, from: hour.start, frontier: hour.end)!, cache.bars(.minute5, from: hour.start, frontier: hour.end)!)
        return views.0.count + views.1.count + cache.trades(from: hour.start, frontier: hour.end)!.count
            + cache.quotes(from: hour.start, frontier: hour.end)!.count
    }()
    // Events per second = this count / the wall-clock time of one iteration.
    print("Engine:MergedStream:FourKernels: \(streamEvents) events per iteration")
    Benchmark("Engine:MergedStream:FourKernels", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            var stream = MergedEventStream(
                bars: [cache.bars(.minute1, from: hour.start, frontier: hour.end)!, cache.bars(.minute5, from: hour.start, frontier: hour.end)!],
                quotes: cache.quotes(from: hour.start, frontier: hour.end), trades: cache.trades(from: hour.start, frontier: hour.end))
            var ema1 = ExponentialMovingAverage(period: 9)
            var ema5 = ExponentialMovingAverage(period: 9)
            var leeReady = LeeReadyClassifier()
            var flow = TickFlowAccumulator()
            var delta = 0.0
            while let event = try stream.next() {
                switch event {
                case .barClose(let bar): if bar.timeframe == .minute1 { ema1.add(bar.close) } else { ema5.add(bar.close) }
                case .quote(let quote): leeReady.updateQuote(bid: quote.bidPrice, ask: quote.askPrice)
                case .trade(let trade):
                    guard trade.eligibility.updatesVolume else { continue }
                    delta += leeReady.classify(price: trade.price, updatesReference: trade.setsReferencePrice).side.sign * trade.size
                    flow.add(price: trade.price, size: trade.size, updatesReference: trade.setsReferencePrice)
                }
            }
            blackHole((ema1.value, ema5.value, delta, flow.volumeRatio))
        }
    }

    // One entry at 12:00 on a mid symbol, all four adapters, 2 h of lookback (M1EMA over 120 bars): fetch
    // from the simulator, build the cache, evaluate.
    let etsy = try! Symbol("ETSY")
    let lookback2h: [any BacktestAdapter] = [
        EMAAdapter(name: "M1EMA", timeframe: .minute1, lookbackBars: 120), EMAAdapter(name: "M5EMA", timeframe: .minute5, lookbackBars: 24),
        CumDeltaAdapter(lookbackMinutes: 120), TickFlowAdapter(lookbackMinutes: 120),
    ]
    Benchmark("Engine:OneEntry:Mid:2hLookback") { benchmark in
        let runner = BacktestRunner(source: SimulatorSource(seed: 1), adapters: lookback2h, parallelism: 1)
        let signal = [Signal(symbol: etsy, entry: at("12:00"))]
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try await runner.run(signal)) }
    }

    // The same entry from a cold archive: the committed recording opened afresh every iteration (no cache,
    // new database connection), so the time includes reading and decoding the segments.
    let recording = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("recordings/sample-2024-03-15.tapedeck").path
    Benchmark("Engine:OneEntry:Mid:2hLookback:ColdArchive") { benchmark in
        let signal = [Signal(symbol: etsy, entry: at("12:00"))]
        for _ in benchmark.scaledIterations {
            let runner = BacktestRunner(source: try ArchiveSource(path: recording), adapters: lookback2h, parallelism: 1)
            blackHole(try await runner.run(signal))
        }
    }

    // 1000 entries with the seed's four adapters (the "all adapters" when it was written).
    let seedAdapters = try! ["M1EMA", "M5EMA", "CumDelta", "TickFlow"].map { try AdapterRegistry.builtIn.adapter(named: $0) }
    let entries = (0..<1000).map { i in Signal(symbol: spy, entry: at("04:30").advanced(by: Int64(i) * 55 * Timestamp.nanosecondsPerSecond), id: "\(i)") }
    // Each once in one pass per symbol-day (the default) and once per entry (the reference).
    for evaluation in Evaluation.allCases {
        let suffix = evaluation == .onePass ? "" : ":PerEntry"
        Benchmark("Engine:1000Entries:VeryLiquid:SeedAdapters\(suffix)", configuration: .init(maxIterations: 3)) { benchmark in
            let runner = BacktestRunner(source: SimulatorSource(seed: 1), adapters: seedAdapters, evaluation: evaluation)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try await runner.run(entries)) }
        }

        // 1000 entries spread over SPY's extended day, all adapters, simulator source.
        Benchmark("Engine:1000Entries:VeryLiquid:AllAdapters\(suffix)", configuration: .init(maxIterations: 3)) { benchmark in
            let runner = BacktestRunner(source: SimulatorSource(seed: 1), adapters: AdapterRegistry.builtIn.adapters, evaluation: evaluation)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try await runner.run(entries)) }
        }
    }
}
