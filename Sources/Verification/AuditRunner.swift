import Backtest
import Foundation
import MarketData

/// Proves, per adapter and entry, that results do not look ahead, depend only on the declared window,
/// and are deterministic.
///
/// For each symbol-day the audit fetches, once, the backtest's windows extended past the last entry by
/// ``horizonMinutes`` (bars: at least the longest bar timeframe, ``FutureHorizon``) (so the future is there to be read — or tampered with), then for every entry E
/// builds caches from that tape through wrapping sources:
/// - **guard**: the reference evaluation (full data, future included) records every back-door read;
///   a read past the frontier fails the adapter, whatever recorder the adapter passed.
/// - **future-cut / -shift / -extra / -reorder**: everything not visible at E is removed, shifted,
///   padded with planted events, or reordered (``AuditPerturbation``); outputs must equal the reference.
/// - **window**: a cache holding only the adapter's own declared windows (nothing before its lookback)
///   must give the reference outputs, and no back-door read may fall before the lookback.
/// - **determinism**: full backtests (``BacktestRunner``) must give identical canonical output over two
///   runs of fresh sources, 1 vs N threads, cold vs warm (``AuditReplaySource``), one pass vs per entry
///   (when an adapter has a one-pass form), and against every source in ``comparisons``.
public struct AuditRunner: Sendable {
    /// The source under audit; ``AuditSource/make`` is called once per run that must start cold.
    public var source: AuditSource
    /// Other sources that must give byte-identical output (an archive vs the simulator, …).
    public var comparisons: [AuditSource]
    public var adapters: [any BacktestAdapter]
    /// The checks to run, in table order.
    public var checks: [AuditCheck]
    /// N of "1 vs N threads"; also how many entries are audited at once.
    public var threads: Int
    /// How far past each entry trades and quotes are fetched and perturbed; bars go at least as far as
    /// the longest bar timeframe used, so a bar straddling E can close (``FutureHorizon``).
    public var horizonMinutes: Int
    public var calendar: SessionCalendar
    /// How the backtest under audit evaluates adapters; the per-entry checks run the same path, and the
    /// determinism check compares a one-pass run with the per-entry reference.
    public var evaluation: Evaluation

    public init(
        source: AuditSource, comparisons: [AuditSource] = [], adapters: [any BacktestAdapter], checks: [AuditCheck] = AuditCheck.allCases,
        threads: Int = max(2, ProcessInfo.processInfo.activeProcessorCount), horizonMinutes: Int = 5, calendar: SessionCalendar = .nyse,
        evaluation: Evaluation = .onePass
    ) {
        self.source = source
        self.comparisons = comparisons
        self.adapters = adapters
        self.checks = checks.sorted()
        self.threads = max(2, threads)
        self.horizonMinutes = max(1, horizonMinutes)
        self.calendar = calendar
        self.evaluation = evaluation
    }

    /// Audits every adapter over `signals`; `progress` receives one line per stage.
    public func run(_ signals: [Signal], progress: (@Sendable (String) -> Void)? = nil) async throws -> AuditReport {
        try AdapterContract.check(adapters)
        var report = AuditReport(adapters: adapters.map(\.name), checks: checks, entries: signals.count)
        let entryChecks = checks.filter { $0 != .determinism }
        if !entryChecks.isEmpty {
            try await auditEntries(signals, checks: entryChecks, into: &report, progress: progress)
        }
        if checks.contains(.determinism) {
            try await proveDeterminism(signals, into: &report, progress: progress)
        } else {
            progress?("reference run")
            let reference = try await BacktestRunner(
                source: try source.make(), adapters: adapters, parallelism: threads, calendar: calendar, evaluation: evaluation
            )
            .run(signals)
            for adapter in adapters { report.digests[adapter.name] = CanonicalOutput.digest(reference, adapter: adapter.name) }
        }
        return report
    }

    // MARK: - Per-entry checks

    /// What one entry contributed: per adapter index, per check, its verdict; and its future horizon.
    private typealias EntryFindings = EntryAudit.Findings

    private func auditEntries(
        _ signals: [Signal], checks: [AuditCheck], into report: inout AuditReport, progress: (@Sendable (String) -> Void)?
    ) async throws {
        let source = try self.source.make()
        let engine = BacktestRunner(source: source, adapters: adapters, parallelism: 1, calendar: calendar, evaluation: evaluation)
        for signal in signals { try engine.validate(signal) }
        var findings = [EntryFindings?](repeating: nil, count: signals.count)
        var notes: [String] = []
        try await EntryLoop.run(try engine.groups(signals), parallelism: threads) { key, indices in
            progress?("auditing \(key): \(indices.count) entries")
            let entries = indices.map { signals[$0].entry }
            let plan = try FetchPlan(symbolDay: key, entries: entries, requirements: engine.requirements, calendar: calendar)
            // Per kind: bars as far as the longest bar timeframe needs, trades and quotes `horizonMinutes`.
            // A recording may end sooner after the last entry: try the full horizon, then the plain
            // `horizonMinutes` for every kind, then no future at all, and say which one the audit got.
            let full = FutureHorizon.horizons(timeframes: plan.timeframes, minutes: horizonMinutes)
            let plain = FutureHorizon.horizons(timeframes: [], minutes: horizonMinutes)
            let latest = entries.max()!
            var horizon = full
            var windows = plan.windows
            var tape: AuditTapeSource.Tape?
            for candidate in full == plain ? [full] : [full, plain] {
                let extended = FutureHorizon.extending(plan.windows, past: latest, by: candidate)
                do {
                    tape = try await AuditTapeSource.record(key.symbol, windows: extended, from: source)
                    windows = extended
                    if candidate != full {
                        notes.append("\(key): future data only \(horizonMinutes) min past the last entry is recorded; the future checks use that")
                    }
                    horizon = candidate
                    break
                } catch let error as TapeDeckError where error.code == .notRecorded {
                    continue  // only a recording that ends sooner is a reason to try less; anything else stops
                }
            }
            if tape == nil {
                notes.append("\(key): no data after the last entry is recorded; its future checks are inconclusive")
                tape = try await AuditTapeSource.record(key.symbol, windows: windows, from: source)
            }
            let tapeSource = AuditTapeSource(tapes: [key.symbol: tape!], conditions: try await source.conditionTable())
            return EntryAudit(
                symbolDay: key, tape: tapeSource, held: windows, adapters: adapters, checks: checks, horizon: horizon, calendar: calendar,
                evaluation: evaluation)
        } work: { context, index in
            try await context.audit(signals[index])
        } finished: { index, result in
            findings[index] = result
        }
        report.notes += notes
        for entry in findings {
            guard let entry else { continue }
            for (position, adapter) in adapters.enumerated() {
                for check in checks { report.record(adapter.name, check, entry.verdicts[position][check] ?? .passed) }
            }
        }
        report.entryVerdicts = findings.map { entry in
            adapters.indices.map { position in
                let verdicts = checks.compactMap { entry?.verdicts[position][$0] }
                return verdicts.first { $0.failure != nil } ?? verdicts.first { $0 != .passed } ?? .passed
            }
        }
        report.futureHorizons = findings.map { $0?.futureHorizon ?? 0 }
    }

    // MARK: - Determinism

    private func proveDeterminism(_ signals: [Signal], into report: inout AuditReport, progress: (@Sendable (String) -> Void)?) async throws {
        let names = adapters.map(\.name)
        func run(_ source: any MarketDataSource, _ parallelism: Int, _ evaluation: Evaluation? = nil) async throws -> BacktestReport {
            try await BacktestRunner(
                source: source, adapters: adapters, parallelism: parallelism, calendar: calendar, evaluation: evaluation ?? self.evaluation
            ).run(signals)
        }
        func compare(_ a: BacktestReport, _ b: BacktestReport, _ label: String) {
            report.comparisons.append(label)
            let differences = AuditDeterminism.differences(a, b, adapters: names, label: label)
            for name in names { report.record(name, .determinism, (differences[name] ?? nil).map(AuditVerdict.failed) ?? .passed) }
        }
        progress?("determinism: reference run (\(source.label), \(threads) threads)")
        let reference = try await run(try source.make(), threads)
        for name in names { report.digests[name] = CanonicalOutput.digest(reference, adapter: name) }
        progress?("determinism: second run")
        compare(reference, try await run(try source.make(), threads), "two runs of \(source.label)")
        let replay = AuditReplaySource(try source.make())
        progress?("determinism: 1 thread, cold cache")
        let cold = try await run(replay, 1)
        compare(reference, cold, "\(threads) vs 1 threads")
        progress?("determinism: warm cache")
        let warm = try await run(replay, threads)
        compare(cold, warm, "cold vs warm cache")
        if evaluation == .onePass, adapters.contains(where: { $0 is any OnePassAdapter }) {
            progress?("determinism: every adapter per entry")
            compare(reference, try await run(try source.make(), threads, .perEntry), "one pass vs per entry")
        }
        if replay.hitsAndMisses.hits == 0 { report.notes.append("the warm run did not hit the cache; cold vs warm proved nothing") }
        for other in comparisons {
            progress?("determinism: \(other.label)")
            compare(reference, try await run(try other.make(), threads), "\(source.label) vs \(other.label)")
        }
    }

    // MARK: - Spelling

    /// `id symbol entry_time` of a signal, for failure lines.
    static func describe(_ signal: Signal) -> String {
        "\(signal.id ?? "-") \(signal.symbol) \(signal.entry.newYorkISO8601)"
    }

    /// The canonical spelling of a value: shortest round-trip double, or `null`.
    static func spell(_ value: Double?) -> String {
        ResultFormatter.number(value) ?? "null"
    }
}
