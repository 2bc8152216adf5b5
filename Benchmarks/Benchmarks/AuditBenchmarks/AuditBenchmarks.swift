import Adapters
import Backtest
import Benchmark
import Foundation
import MarketData
import MarketSimulator
import Verification

// Audit benchmarks (issue 8). Target: the full audit (guard, four future perturbations, window honesty,
// determinism) of every registered adapter over the committed sample signals stays under a minute, so it
// can run in CI. The simulator source (seed 1) stands in for the archive until the lead wires it.

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
private let signals = try! SignalReader.read(contentsOf: root.appendingPathComponent("recordings/sample-signals.csv").path)
private let simulator = AuditSource(label: "simulate:1") { SimulatorSource(seed: 1) }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(120), maxIterations: 3)

    // Everything `tapedeck audit` does by default.
    Benchmark("Audit:AllChecks:RegisteredAdapters:Sample") { benchmark in
        for _ in benchmark.scaledIterations {
            let report = try await AuditRunner(source: simulator, adapters: AdapterRegistry.builtIn.adapters).run(signals)
            precondition(report.passed, report.table)
            blackHole(report)
        }
    }

    // The per-entry checks alone (one fetch per symbol-day, six to ten caches per entry).
    Benchmark("Audit:EntryChecks:RegisteredAdapters:Sample") { benchmark in
        let checks = AuditCheck.allCases.filter { $0 != .determinism }
        for _ in benchmark.scaledIterations {
            blackHole(try await AuditRunner(source: simulator, adapters: AdapterRegistry.builtIn.adapters, checks: checks).run(signals))
        }
    }

    // The golden comparison `swift test` runs: one backtest and four canonical renderings + digests.
    Benchmark("Audit:GoldenDigest:Sample") { benchmark in
        for _ in benchmark.scaledIterations {
            let report = try await BacktestRunner(source: SimulatorSource(seed: 1), adapters: AdapterRegistry.builtIn.adapters).run(signals)
            for adapter in AdapterRegistry.builtIn.names { blackHole(CanonicalOutput.digest(report, adapter: adapter)) }
        }
    }
}
