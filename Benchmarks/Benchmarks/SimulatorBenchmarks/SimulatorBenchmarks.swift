import Benchmark
import MarketData
import MarketSimulator

/// Generation speed of the market simulator on its heaviest symbol: SPY-like, first regular-session hour
/// (≈ 41k trades and ≈ 410k quotes). Besides wall clock and mallocs, each benchmark reports
/// `events/s`, the number of trades and quotes produced per second of its own wall-clock time on one core.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, eventsPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 30
    )

    let simulator = MarketSimulator(seed: 42)
    let spy = try! Symbol("SPY")
    let date = LocalDate(year: 2024, month: 3, day: 15)!
    let open = NewYorkTime.instant(date, hour: 9, minute: 30)
    let hour = TimeWindow(uncheckedStart: open, end: open.advanced(by: Timestamp.nanosecondsPerHour))

    Benchmark("Simulator:VeryLiquidHour:TradesAndQuotes") { benchmark in
        for _ in benchmark.scaledIterations {
            var events = 0
            let elapsed = ContinuousClock().measure {
                simulator.forEachMinute(spy, in: hour) { minute in
                    events += minute.trades.count + minute.quotes.count
                    blackHole(minute)
                }
            }
            benchmark.measurement(eventsPerSecond, rate(events, elapsed))
        }
    }

    Benchmark("Simulator:VeryLiquidHour:Trades") { benchmark in
        for _ in benchmark.scaledIterations {
            var trades: [Trade] = []
            let elapsed = ContinuousClock().measure { trades = simulator.trades(spy, in: hour) }
            benchmark.measurement(eventsPerSecond, rate(trades.count, elapsed))
            blackHole(trades)
        }
    }

    Benchmark("Simulator:VeryLiquidHour:Quotes") { benchmark in
        for _ in benchmark.scaledIterations {
            var quotes: [Quote] = []
            let elapsed = ContinuousClock().measure { quotes = simulator.quotes(spy, in: hour) }
            benchmark.measurement(eventsPerSecond, rate(quotes.count, elapsed))
            blackHole(quotes)
        }
    }

    Benchmark("Simulator:VeryLiquidDay:MinuteBars", configuration: .init(maxIterations: 10)) { benchmark in
        let day = TimeWindow(uncheckedStart: open, end: NewYorkTime.instant(date, hour: 16, minute: 0))
        let plan = simulator.plan(spy, on: date)!
        let events = plan.minutes(startingIn: day).reduce(0) { $0 + plan.tradeCount(ofMinute: $1) + plan.quoteCount(ofMinute: $1) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var bars: [Bar] = []
            let elapsed = ContinuousClock().measure { bars = simulator.minuteBars(spy, in: day) }
            benchmark.measurement(eventsPerSecond, rate(events, elapsed))
            blackHole(bars)
        }
    }

    Benchmark("Simulator:DayPlan", configuration: .init(metrics: [.wallClock, .mallocCountTotal], scalingFactor: .kilo)) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(simulator.plan(spy, on: date))
        }
    }
}

/// Trades plus quotes generated per second of wall-clock time.
let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)

func rate(_ events: Int, _ elapsed: Duration) -> Int {
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return seconds > 0 ? Int(Double(events) / seconds) : 0
}
