import Adapters
import Backtest
import Benchmark
import MarketData
import MarketSimulator

// Adapter benchmarks (issue 9). Targets: every registered adapter over one very liquid hour (SPY,
// 10:00–11:00, simulator seed 1) at ≥ 3M events per second per core through the merged stream; and the
// cost of one more adapter (N vs N + 1 adapters, for a merged-stream adapter and for a bar adapter).
// Single-threaded: adapters are evaluated one after the other for one entry, so events/s is per core.

private let date = try! LocalDate(parsing: "2024-03-15")
private func at(_ text: String) -> Timestamp { try! Timestamp(parsing: "2024-03-15 " + text) }

/// The one entry: the end of the hour.
private let entry = at("11:00")
private let spy = try! Symbol("SPY")

/// The symbol-day's data as the runner would build it: 1-minute bars from the earliest bar lookback (five
/// sessions back for RelativeVolume) and the hour's trades and quotes; every timeframe aggregated.
private func makeCache(tapeFrom tapeStart: Timestamp) -> DataCache {
    let simulator = MarketSimulator(seed: 1)
    let barsStart = try! Lookback.sessions(5).start(before: entry)
    let tape = TimeWindow(uncheckedStart: tapeStart, end: entry)
    return DataCache(
        symbol: spy, date: date, windows: [:], minuteBars: simulator.minuteBars(spy, in: TimeWindow(uncheckedStart: barsStart, end: entry)),
        timeframes: [.minute1, .minute5, .minute15, .daily], trades: simulator.trades(spy, in: tape), quotes: simulator.quotes(spy, in: tape))
}

/// The registered adapters with their trade and quote lookbacks stretched to the whole hour, so that each
/// tape adapter reads every trade and quote of it (bar adapters keep their windows).
private let hourAdapters: [any BacktestAdapter] = AdapterRegistry.builtIn.adapters.map { adapter -> any BacktestAdapter in
    switch adapter.name {
    case "CumDelta": CumDeltaAdapter(lookbackMinutes: 60)
    case "CumDeltaTick": TickDeltaAdapter(lookbackMinutes: 60)
    case "TickFlow": TickFlowAdapter(lookbackMinutes: 60)
    case "TradeIntensity": TradeIntensityAdapter(windowMinutes: 60)
    case "TradeSizeProfile": TradeSizeProfileAdapter(lookbackMinutes: 60)
    case "TradeVWAP": TradeVWAPAdapter(lookbackMinutes: 60)
    case "QuotedSpread": QuotedSpreadAdapter(lookbackMinutes: 60)
    case "QuoteImbalance": QuoteImbalanceAdapter(lookbackMinutes: 60)
    case "Microprice": MicropriceAdapter(lookbackMinutes: 60)
    case "OFI": OrderFlowImbalanceAdapter(lookbackMinutes: 60)
    case "EffectiveSpread": EffectiveSpreadAdapter(lookbackMinutes: 60)
    case "VolumeAtQuote": VolumeAtQuoteAdapter(lookbackMinutes: 60)
    case "KyleLambda": KyleLambdaAdapter(lookbackMinutes: 60)
    default: adapter
    }
}

/// Rows each adapter's declared views hold for the entry: the events it reads.
private func events(_ adapters: [any BacktestAdapter], _ cache: DataCache) -> Int {
    var total = 0
    for adapter in adapters {
        let context = EntryContext(cache: cache, entry: entry, adapter: adapter.name, requirements: adapter.requirements)
        var kinds = Set<DataRequirement.Kind>()
        for requirement in adapter.requirements where kinds.insert(requirement.kind).inserted {
            switch requirement.kind {
            case .bars(let timeframe): total += (try? context.bars(timeframe).count) ?? 0
            case .trades: total += (try? context.trades().count) ?? 0
            case .quotes: total += (try? context.quotes().count) ?? 0
            }
        }
    }
    return total
}

/// Evaluates `adapters` for the entry, one after the other.
private func run(_ adapters: [any BacktestAdapter], _ cache: DataCache) throws -> Int {
    var defined = 0
    for adapter in adapters {
        let context = EntryContext(cache: cache, entry: entry, adapter: adapter.name, requirements: adapter.requirements)
        defined += try adapter.evaluate(context).count(where: { $0 != nil })
    }
    return defined
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal], maxDuration: .seconds(10))
    let cache = makeCache(tapeFrom: at("10:00"))

    // All registered adapters, tape adapters over the whole hour. Events per second per core = the printed
    // count / the wall-clock time of one iteration (scaling factor one).
    let hourEvents = events(hourAdapters, cache)
    print("Adapters:AllRegistered:VeryLiquidHour: \(hourAdapters.count) adapters, \(hourEvents) events read per iteration")
    Benchmark("Adapters:AllRegistered:VeryLiquidHour", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try run(hourAdapters, cache)) }
    }

    // All registered adapters exactly as `tapedeck backtest` runs them (their own lookbacks), one entry.
    let registeredEvents = events(AdapterRegistry.builtIn.adapters, cache)
    print("Adapters:AllRegistered:DefaultLookbacks: \(registeredEvents) events read per iteration")
    Benchmark("Adapters:AllRegistered:DefaultLookbacks") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try run(AdapterRegistry.builtIn.adapters, cache)) }
    }

    // The cost of one more adapter: N = every hour adapter but the added one, N + 1 = with it. The
    // difference of the two wall-clock times is the marginal cost; for a merged-stream adapter
    // (KyleLambda over the hour's trades and quotes) and for a bar adapter (SMA20).
    for added in ["KyleLambda", "SMA20"] {
        let withIt = hourAdapters
        let without = hourAdapters.filter { $0.name != added }
        let extra = events(withIt, cache) - events(without, cache)
        print("Adapters:Marginal:\(added): N = \(without.count), N + 1 = \(withIt.count); the added adapter reads \(extra) events")
        Benchmark("Adapters:Marginal:\(added):N") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try run(without, cache)) }
        }
        Benchmark("Adapters:Marginal:\(added):N+1") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try run(withIt, cache)) }
        }
    }
}
