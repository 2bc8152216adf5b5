import Backtest
import MarketData
import MarketSimulator
import Verification

/// What a first test of one's own adapter needs, in a few lines: its values at chosen entries on a
/// hand-made market (``HandMadeMarket``) or a simulated day, and the audit on that adapter alone.
///
/// ```swift
/// let values = try await AdapterTestKit.evaluate(MyAdapter(), on: market, at: "2024-03-15 10:00")
/// let report = try await AdapterTestKit.audit(MyAdapter(), symbol: "CROX", at: ["2024-03-15 10:00"])
/// #expect(report.passed, "\(report.table)")
/// ```
public enum AdapterTestKit {
    /// The simulator's day for `seed`: the market `tapedeck backtest --simulate SEED` runs on, any symbol,
    /// any trading day, the same events on every run.
    public static func simulatedDay(seed: UInt64 = 1) -> some MarketDataSource {
        SimulatorSource(seed: seed)
    }

    /// `adapter`'s outputs at one entry (New York time, `2024-03-15 10:00`), in the order of its
    /// `outputs`, computed by the engine exactly as `tapedeck backtest` computes them.
    public static func evaluate(
        _ adapter: any BacktestAdapter, on source: some MarketDataSource, symbol: String? = nil, at entry: String
    ) async throws -> [Double?] {
        try await evaluate(adapter, on: source, symbol: symbol, at: [entry])[0]
    }

    /// `adapter`'s outputs at each entry, one row per entry in the given order. `symbol` defaults to the
    /// hand-made market's own.
    public static func evaluate(
        _ adapter: any BacktestAdapter, on source: some MarketDataSource, symbol: String? = nil, at entries: [String]
    ) async throws -> [[Double?]] {
        let signals = try self.signals(symbol ?? (source as? HandMadeMarket)?.symbol.rawValue ?? "TEST", entries)
        return try await BacktestRunner(source: source, adapters: [adapter], parallelism: 1).run(signals).values
    }

    /// The audit of `adapter` alone at `entries` of `symbol` on `source` (default: the simulated day of
    /// seed 1), every check: no look-ahead, nothing read outside the declared window, deterministic.
    /// `report.passed` is true only when no check failed and none was inconclusive.
    public static func audit(
        _ adapter: any BacktestAdapter, on source: AuditSource = AuditSource(label: "simulator:1") { SimulatorSource(seed: 1) },
        symbol: String, at entries: [String], checks: [AuditCheck] = AuditCheck.allCases
    ) async throws -> AuditReport {
        try await AuditRunner(source: source, adapters: [adapter], checks: checks).run(try signals(symbol, entries))
    }

    private static func signals(_ symbol: String, _ entries: [String]) throws(TapeDeckError) -> [Signal] {
        let symbol = try Symbol(symbol)
        return try entries.map { entry throws(TapeDeckError) in Signal(symbol: symbol, entry: try Timestamp(parsing: entry)) }
    }
}
