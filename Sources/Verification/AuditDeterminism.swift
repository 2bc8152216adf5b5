import Backtest
import MarketData

/// Determinism proofs: the same backtest through two sources (or two settings) must give identical
/// canonical output, adapter by adapter.
///
/// Every determinism check is a pair of runs: two runs of one source, 1 vs N worker threads, a cold vs
/// a warm cache, the simulator vs an archive recorded from it, the in-process simulator vs the same data
/// fetched through the HTTP server and recorded. ``compare(_:_:signals:adapters:label:)`` is the one
/// function behind all of them.
package enum AuditDeterminism {
    /// One side of a comparison: a source and the number of entries evaluated at once.
    package struct Run: Sendable {
        package var source: any MarketDataSource
        package var parallelism: Int

        package init(_ source: any MarketDataSource, parallelism: Int = 1) {
            self.source = source
            self.parallelism = parallelism
        }
    }

    /// Runs `adapters` over `signals` on both sides and returns, per adapter name, the first differing
    /// value (`nil` when that adapter's canonical output is byte-identical).
    package static func compare(
        _ a: Run, _ b: Run, signals: [Signal], adapters: [any BacktestAdapter], label: String, calendar: SessionCalendar = .nyse
    ) async throws -> [String: Difference?] {
        let first = try await BacktestRunner(source: a.source, adapters: adapters, parallelism: a.parallelism, calendar: calendar).run(signals)
        let second = try await BacktestRunner(source: b.source, adapters: adapters, parallelism: b.parallelism, calendar: calendar).run(signals)
        return differences(first, second, adapters: adapters.map(\.name), label: label)
    }

    /// Per adapter, the first value where `b` differs from `a` (by canonical spelling), or `nil`.
    package static func differences(_ a: BacktestReport, _ b: BacktestReport, adapters: [String], label: String) -> [String: Difference?] {
        var result: [String: Difference?] = [:]
        for adapter in adapters {
            let left = a.restricted(to: adapter)
            let right = b.restricted(to: adapter)
            guard CanonicalOutput.jsonLines(left) != CanonicalOutput.jsonLines(right) else {
                result[adapter] = .some(nil)
                continue
            }
            result[adapter] = firstDifference(left, right, adapter: adapter, label: label)
        }
        return result
    }

    private static func firstDifference(_ a: BacktestReport, _ b: BacktestReport, adapter: String, label: String) -> Difference {
        func failure(_ entry: String, _ column: String, _ expected: String, _ actual: String) -> Difference {
            Difference(origin: .audit(.determinism, adapter: adapter), entry: entry, column: column, expected: expected, actual: actual, detail: label)
        }
        guard a.columns == b.columns, a.signals.count == b.signals.count else {
            return failure("", "shape", "\(a.signals.count) rows of \(a.columns)", "\(b.signals.count) rows of \(b.columns)")
        }
        for row in a.signals.indices {
            let entry = AuditRunner.describe(a.signals[row])
            if a.signals[row] != b.signals[row] { return failure(entry, "entry", entry, AuditRunner.describe(b.signals[row])) }
            for (column, name) in a.columns.enumerated() {
                let left = AuditRunner.spell(a.values[row][column])
                let right = AuditRunner.spell(b.values[row][column])
                if left != right { return failure(entry, name, left, right) }
            }
        }
        return failure("", "text", "", "canonical text differs")
    }
}
