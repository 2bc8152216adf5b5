import Backtest
import MarketData

/// The per-entry checks of one symbol-day: builds caches from the audit's tape through wrapping
/// sources and compares each adapter's outputs with the reference (full data, future included).
struct EntryAudit: Sendable {
    /// One adapter's outputs for one evaluation, or the error it threw (spelled).
    typealias Outputs = Result<[Double?], TapeDeckError>

    let symbolDay: SymbolDay
    /// The symbol-day's data, fetched once.
    let tape: AuditTapeSource
    /// What the tape holds, per kind.
    let held: [DataKind: TimeWindow]
    let adapters: [any BacktestAdapter]
    let checks: [AuditCheck]
    /// Nanoseconds of future data past the entry, per kind.
    let horizon: [DataKind: Int64]
    let calendar: SessionCalendar
    /// How the adapters are evaluated: the audit checks the path the backtest runs.
    let evaluation: Evaluation

    /// What one entry's audit found.
    struct Findings: Sendable {
        /// Per adapter (by position), per check: the verdict for this entry.
        var verdicts: [[AuditCheck: AuditVerdict]]
        /// Nanoseconds of recorded data past the entry that the future checks perturbed (least over kinds).
        var futureHorizon: Int64
    }

    /// The verdict of every check for every adapter on `signal`'s entry.
    func audit(_ signal: Signal) async throws -> Findings {
        let entry = signal.entry
        let label = AuditRunner.describe(signal)
        let recorder = ViolationRecorder()
        var findings = [[AuditCheck: Difference?]](repeating: [:], count: adapters.count)

        let all = adapters.flatMap(\.requirements)
        let allWindows = try windows(all, entry)
        let reference = try await evaluate(adapters, windows: allWindows, source: tape, entry: entry, recorder: recorder)

        for check in checks {
            guard let kind = check.futurePerturbation else { continue }
            let perturbation = AuditPerturbation(kind, .notVisible(at: entry))
            let source = AuditPerturbedSource(tape, perturbation: perturbation)
            let outputs = try await evaluate(adapters, windows: allWindows, source: source, entry: entry, recorder: recorder)
            for index in adapters.indices {
                findings[index][check] = compare(
                    reference[index], outputs[index], adapter: adapters[index], check: check, entry: label, detail: perturbation.description)
            }
        }

        if checks.contains(.window) {
            for (index, adapter) in adapters.enumerated() {
                let own = try windows(adapter.requirements, entry)
                let outputs = try await evaluate([adapter], windows: own, source: tape, entry: entry, recorder: recorder)
                let starts = own.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key) from \($0.value.start)" }
                findings[index][.window] = compare(
                    reference[index], outputs[0], adapter: adapter, check: .window, entry: label,
                    detail: "only the declared window: " + starts.joined(separator: ", "))
            }
        }

        let violations = recorder.violations
        for (index, adapter) in adapters.enumerated() {
            let mine = violations.filter { $0.reader == adapter.name }
            if checks.contains(.guardRail) {
                findings[index][.guardRail] =
                    mine.first { $0.kind == .pastFrontier }.map {
                        Difference(
                            origin: .audit(.guardRail, adapter: adapter.name), entry: label, column: "violation", expected: "no read at/after \(entry)",
                            actual: "read a row visible at \($0.rowTime)", detail: $0.description)
                    } ?? nil
            }
            if checks.contains(.window), findings[index][.window] ?? nil == nil,
                let early = mine.first(where: { $0.kind == .beforeWindow })
            {
                findings[index][.window] = Difference(
                    origin: .audit(.window, adapter: adapter.name), entry: label, column: "violation", expected: "no read before the lookback",
                    actual: "read a row at \(early.rowTime)", detail: early.description)
            }
        }
        // A future check that found nothing wrong proves something only if there was a future to perturb:
        // a record of a kind the adapter reads that is not visible at E (two, for a reordering).
        let future = try await futureRecords(in: allWindows, after: entry)
        var verdicts = [[AuditCheck: AuditVerdict]](repeating: [:], count: adapters.count)
        for (index, adapter) in adapters.enumerated() {
            let kinds = Set(adapter.requirements.map(\.dataKind))
            let available = kinds.reduce(0) { $0 + future[$1, default: 0] }
            for check in checks {
                if let failure = findings[index][check] ?? nil {
                    verdicts[index][check] = .failed(failure)
                } else if let perturbation = check.futurePerturbation, available < (perturbation == .reordered ? 2 : 1) {
                    let names = kinds.map(\.rawValue).sorted().joined(separator: " or ")
                    let found = available == 0 ? "no recorded \(names) past the entry to perturb" : "one recorded record past the entry, nothing to reorder"
                    verdicts[index][check] = .inconclusive(
                        "\(label): \(found); record the future with `tapedeck record --signals FILE --for-audit`")
                } else {
                    verdicts[index][check] = .passed
                }
            }
        }
        let horizon = allWindows.values.map { max(0, $0.end.nanoseconds - entry.nanoseconds) }.min() ?? 0
        return Findings(verdicts: verdicts, futureHorizon: horizon)
    }

    /// How many records of each kind in `windows` are not visible at `entry` (trades and quotes at or
    /// after it, bars that have not closed by it): what the future checks perturb.
    private func futureRecords(in windows: [DataKind: TimeWindow], after entry: Timestamp) async throws -> [DataKind: Int] {
        let symbol = symbolDay.symbol
        var counts: [DataKind: Int] = [:]
        for (kind, window) in windows {
            // Trades and quotes from the entry on: the past of a real-size day is never decoded for this.
            let future = TimeWindow(uncheckedStart: max(entry, window.start), end: max(entry, window.end))
            switch kind {
            case .bars: counts[kind] = try await tape.bars(symbol, in: window).count { $0.end > entry }
            case .trades: counts[kind] = try await tape.trades(symbol, in: future).count
            case .quotes:
                var count = 0
                try await tape.quotes(symbol, in: future) { piece, _ in count += piece.count }
                counts[kind] = count
            }
        }
        return counts
    }

    /// The windows `requirements` need for `entry`, extended by the horizon into what the tape holds.
    private func windows(_ requirements: [DataRequirement], _ entry: Timestamp) throws(TapeDeckError) -> [DataKind: TimeWindow] {
        let plan = try FetchPlan(symbolDay: symbolDay, entries: [entry], requirements: requirements, calendar: calendar)
        var windows: [DataKind: TimeWindow] = [:]
        for (kind, window) in plan.windows {
            let limit = held[kind]?.end ?? window.end
            windows[kind] = TimeWindow(uncheckedStart: window.start, end: max(window.end, min(entry.advanced(by: horizon[kind] ?? 0), limit)))
        }
        return windows
    }

    /// Every adapter of `adapters` on a cache of `windows` fetched from `source`: the engine's own
    /// preparation and loop over adapters (``PreparedDay``), with the audit's recorder attached.
    private func evaluate(
        _ adapters: [any BacktestAdapter], windows: [DataKind: TimeWindow], source: any MarketDataSource, entry: Timestamp,
        recorder: ViolationRecorder
    ) async throws -> [Outputs] {
        var plan = try FetchPlan(symbolDay: symbolDay, entries: [entry], requirements: adapters.flatMap(\.requirements), calendar: calendar)
        plan.windows = windows
        let day = try await BacktestRunner(source: source, adapters: adapters, parallelism: 1, calendar: calendar, evaluation: evaluation)
            .prepare(plan, conditions: try await source.conditionTable(), entryCount: 1)
        return await day.outputs(at: entry, auditor: recorder)
    }

    /// The first output where `actual` differs from `expected` by canonical spelling, as a failure.
    private func compare(
        _ expected: Outputs, _ actual: Outputs, adapter: any BacktestAdapter, check: AuditCheck, entry: String, detail: String
    ) -> Difference? {
        func failure(_ column: String, _ old: String, _ new: String) -> Difference {
            Difference(origin: .audit(check, adapter: adapter.name), entry: entry, column: column, expected: old, actual: new, detail: detail)
        }
        switch (expected, actual) {
        case (.success(let old), .success(let new)):
            for (index, name) in adapter.outputs.enumerated() {
                let left = AuditRunner.spell(old[index])
                let right = AuditRunner.spell(new[index])
                if left != right { return failure("\(adapter.name).\(name)", left, right) }
            }
            return nil
        case (.failure(let old), .failure(let new)):
            return old.message == new.message ? nil : failure("error", "error: \(old.message)", "error: \(new.message)")
        case (.success, .failure(let new)):
            return failure("error", "values", "error: \(new.message)")
        case (.failure(let old), .success):
            return failure("error", "error: \(old.message)", "values")
        }
    }
}
