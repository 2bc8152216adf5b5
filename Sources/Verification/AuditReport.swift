import Backtest

/// The audit's verdict: one ``AuditOutcome`` per adapter and check, plus each adapter's digest.
public struct AuditReport: Hashable, Sendable {
    /// Adapter names, in the order audited.
    public var adapters: [String]
    /// Checks run, in table order.
    public var checks: [AuditCheck]
    /// `outcomes[adapter][check]`.
    public var outcomes: [String: [AuditCheck: AuditOutcome]]
    /// SHA-256 of each adapter's canonical output on the reference run (what golden files would hold).
    public var digests: [String: String]
    /// Entries audited.
    public var entries: Int
    /// The determinism comparisons made (`two runs`, `1 vs 4 threads`, …).
    public var comparisons: [String]
    /// Things the reader should know (a source that could not serve data after the last entry, …).
    public var notes: [String]
    /// Per entry (input order), per adapter (in ``adapters`` order): the per-entry checks' verdict — the
    /// first failure in table order, else the first inconclusive check, else passed. Empty when no
    /// per-entry check ran (only determinism). What `tapedeck report` draws as its heatmap.
    public var entryVerdicts: [[AuditVerdict]]
    /// Per entry (input order): nanoseconds of recorded data past the entry that the future checks
    /// perturbed (the least over the kinds read, at most the horizon); 0 means they had nothing to check.
    public var futureHorizons: [Int64]

    public init(
        adapters: [String], checks: [AuditCheck], outcomes: [String: [AuditCheck: AuditOutcome]] = [:],
        digests: [String: String] = [:], entries: Int = 0, comparisons: [String] = [], notes: [String] = [],
        entryVerdicts: [[AuditVerdict]] = [], futureHorizons: [Int64] = []
    ) {
        self.adapters = adapters
        self.checks = checks
        self.outcomes = outcomes
        self.digests = digests
        self.entries = entries
        self.comparisons = comparisons
        self.notes = notes
        self.entryVerdicts = entryVerdicts
        self.futureHorizons = futureHorizons
    }

    /// The outcome of `check` for `adapter` (an empty, passing one if it was not run).
    public func outcome(_ adapter: String, _ check: AuditCheck) -> AuditOutcome {
        outcomes[adapter]?[check] ?? AuditOutcome(adapter: adapter, check: check)
    }

    /// Whether every check proved every adapter clean: nothing failed and nothing was left unchecked.
    public var passed: Bool { failures.isEmpty && isConclusive }

    /// Whether every check had something to check (no INCONCLUSIVE outcome).
    public var isConclusive: Bool { adapters.allSatisfy { inconclusiveChecks($0).isEmpty } }

    /// The first failure of every failing (adapter, check), adapters then checks in table order.
    public var failures: [Difference] {
        adapters.flatMap { adapter in checks.compactMap { outcome(adapter, $0).firstFailure } }
    }

    /// The checks that failed for `adapter`.
    public func failedChecks(_ adapter: String) -> [AuditCheck] {
        checks.filter { outcome(adapter, $0).status == .fail }
    }

    /// The checks that had nothing to check for `adapter` on some entry, and failed on none.
    public func inconclusiveChecks(_ adapter: String) -> [AuditCheck] {
        checks.filter { outcome(adapter, $0).status == .inconclusive }
    }

    mutating func record(_ adapter: String, _ check: AuditCheck, _ verdict: AuditVerdict) {
        outcomes[adapter, default: [:]][check, default: AuditOutcome(adapter: adapter, check: check)].add(verdict)
    }
}
