import Backtest
import Verification

/// The audit part of a report: checks run, a verdict per entry and adapter, and the run-wide results
/// (determinism, which compares whole runs rather than entries).
public struct ReportAudit: Hashable, Sendable {
    /// Checks run, in table order.
    public var checks: [String]
    /// `verdicts[entry][adapter]`, in entry and adapter order; empty when no per-entry check ran.
    public var verdicts: [[ReportVerdict]]
    /// Per adapter: every check's status over the whole run, e.g. `window PASS (0 of 10 failed)`.
    public var summaries: [String]
    /// Per adapter: whether every check passed.
    public var passed: [Bool]
    /// The determinism comparisons made and the audit's notes, one line each.
    public var notes: [String]
    /// Per entry: whether no data past it was recorded, so its future checks had nothing to check.
    public var withoutFuture: [Bool]

    public init(
        checks: [String], verdicts: [[ReportVerdict]], summaries: [String], passed: [Bool], notes: [String], withoutFuture: [Bool] = []
    ) {
        self.checks = checks
        self.verdicts = verdicts
        self.summaries = summaries
        self.passed = passed
        self.notes = notes
        self.withoutFuture = withoutFuture
    }

    /// The heatmap of `audit`: its per-entry verdicts (``AuditReport/entryVerdicts``), and which entries
    /// had no recorded future (``AuditReport/futureHorizons`` 0).
    public init(_ audit: AuditReport) {
        let verdicts: [[ReportVerdict]] = audit.entryVerdicts.map { row in
            row.map { verdict in
                switch verdict {
                case .passed: .pass
                case .failed(let failure): .fail(failure)
                case .inconclusive: .inconclusive
                }
            }
        }
        let withoutFuture = audit.entryVerdicts.indices.map { $0 < audit.futureHorizons.count && audit.futureHorizons[$0] == 0 }
        let summaries = audit.adapters.map { adapter in
            audit.checks.map { check in
                let outcome = audit.outcome(adapter, check)
                var counts = "\(outcome.failed) of \(outcome.examined) failed"
                if outcome.inconclusive > 0 { counts += ", \(outcome.inconclusive) inconclusive" }
                return "\(check) \(outcome.status.rawValue) (\(counts))"
            }.joined(separator: ", ")
        }
        self.init(
            checks: audit.checks.map(\.rawValue), verdicts: verdicts, summaries: summaries,
            passed: audit.adapters.map { adapter in audit.checks.allSatisfy { audit.outcome(adapter, $0).passed } },
            notes: audit.comparisons.map { "determinism compared: \($0)" } + audit.notes, withoutFuture: withoutFuture)
    }
}
