import Adapters
import Backtest
import Foundation
import MarketData
import MarketSimulator
import Synchronization
import Testing

/// A source that remembers each response, so that the second run of the same plan costs no simulation.
/// It also counts fetches per (symbol, kind).
final class MemoizingSource: MarketDataSource {
    private let base: SimulatorSource
    private let memo = Mutex<[String: any Sendable]>([:])
    private let counts = Mutex<[String: Int]>([:])

    init(seed: UInt64) { base = SimulatorSource(seed: seed) }

    func fetches(_ symbol: Symbol, _ kind: DataKind) -> Int { counts.withLock { $0["\(symbol) \(kind)", default: 0] } }

    private func remembered<T: Sendable>(_ key: String, _ kind: String, _ make: () async throws -> T) async throws -> T {
        if let value = memo.withLock({ $0[key] }) as? T { return value }
        counts.withLock { $0[kind, default: 0] += 1 }
        let value = try await make()
        memo.withLock { $0[key] = value }
        return value
    }

    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try await remembered("\(symbol) bars \(window)", "\(symbol) \(DataKind.bars)") { try await base.bars(symbol, in: window, progress: progress) }
    }

    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try await remembered("\(symbol) trades \(window)", "\(symbol) \(DataKind.trades)") { try await base.trades(symbol, in: window, progress: progress) }
    }

    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try await remembered("\(symbol) quotes \(window)", "\(symbol) \(DataKind.quotes)") { try await base.quotes(symbol, in: window, progress: progress) }
    }
}

struct SampleRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Outputs that may legitimately be null at a mid-morning or later entry, and why.
    static let mayBeNull: Set<String> = [
        "OpeningRange.or15_first_breakout", "OpeningRange.or30_first_breakout",  // price may never have left the range
        "QuotedSpread.last_cents", "QuotedSpread.last_bps",  // the quote in force may be crossed/one-sided
    ]

    /// Every registered adapter over the sample signals (three liquidity profiles) on the simulator with
    /// seed 1: one fetch per kind and symbol-day, identical rows with parallelism 1 and 4, and values after
    /// warm-up on the liquid and mid symbols.
    @Test func allAdaptersOverTheSampleSignals() async throws {
        let signals = try SignalReader.read(contentsOf: Self.root.appendingPathComponent("recordings/sample-signals.csv").path)
        let source = MemoizingSource(seed: 1)
        let serial = try await BacktestRunner(source: source, adapters: AdapterRegistry.builtIn.adapters, parallelism: 1).run(signals)
        let parallel = try await BacktestRunner(source: source, adapters: AdapterRegistry.builtIn.adapters, parallelism: 4).run(signals)
        #expect(serial == parallel)
        #expect(ResultFormatter.jsonLines(serial) == ResultFormatter.jsonLines(parallel))
        #expect(!serial.values.joined().contains { $0.map { !$0.isFinite } ?? false }, "no NaN or infinity: undefined is null")
        #expect(serial.columns.count == AdapterRegistry.builtIn.adapters.reduce(0) { $0 + $1.outputs.count })
        for symbol in Set(signals.map(\.symbol)) {
            for kind in [DataKind.bars, .trades, .quotes] { #expect(source.fetches(symbol, kind) == 1, "\(symbol) \(kind)") }
        }
        // From mid-morning on (SPY at 10:30, an hour after the open: Trend60 needs 60 closed bars), SPY
        // (very liquid) and ETSY (mid) have a value for every output but the listed exceptions.
        for (signal, row) in zip(signals, serial.values) where ["etsy-2", "etsy-3", "spy-4"].contains(signal.id ?? "") {
            for (column, value) in zip(serial.columns, row) where value == nil && !Self.mayBeNull.contains(column) {
                Issue.record("\(signal.id ?? "") \(column) is null")
            }
        }
        // The illiquid symbol still gets its bar indicators by midday.
        let crox = try #require(zip(signals, serial.values).first { $0.0.id == "crox-2" }?.1)
        for name in ["SessionVWAP.vwap", "RSI14.rsi", "PriorSession.prior_close", "RelativeVolume.relative_volume", "OpeningRange.or30_high"] {
            #expect(crox[serial.columns.firstIndex(of: name)!] != nil, "crox-2 \(name)")
        }
    }
}
