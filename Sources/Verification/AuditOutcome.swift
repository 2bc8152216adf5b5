import Backtest

/// The result of one check for one adapter over every entry.
public struct AuditOutcome: Hashable, Sendable {
    /// FAIL beats INCONCLUSIVE beats PASS: one failing entry fails the check; otherwise one entry with
    /// nothing to check leaves it unproven.
    public enum Status: String, Hashable, Sendable {
        case pass = "PASS"
        case fail = "FAIL"
        case inconclusive = "INCONCLUSIVE"
    }

    public var adapter: String
    public var check: AuditCheck
    /// Entries (or, for determinism, comparisons) examined.
    public var examined: Int
    /// How many of them failed.
    public var failed: Int
    /// How many had nothing to check.
    public var inconclusive: Int
    /// The first failure in input order, if any.
    public var firstFailure: Difference?
    /// Why the first inconclusive entry proved nothing, naming the entry.
    public var firstInconclusive: String?

    public init(
        adapter: String, check: AuditCheck, examined: Int = 0, failed: Int = 0, inconclusive: Int = 0,
        firstFailure: Difference? = nil, firstInconclusive: String? = nil
    ) {
        self.adapter = adapter
        self.check = check
        self.examined = examined
        self.failed = failed
        self.inconclusive = inconclusive
        self.firstFailure = firstFailure
        self.firstInconclusive = firstInconclusive
    }

    public var status: Status { failed > 0 ? .fail : inconclusive > 0 ? .inconclusive : .pass }

    /// Whether the check proved the adapter clean on every entry: nothing failed and nothing was left
    /// unchecked.
    public var passed: Bool { status == .pass }

    /// Counts one examined item with its verdict; keeps the first failure and the first inconclusive one.
    mutating func add(_ verdict: AuditVerdict) {
        examined += 1
        switch verdict {
        case .passed:
            break
        case .failed(let failure):
            failed += 1
            if firstFailure == nil { firstFailure = failure }
        case .inconclusive(let reason):
            inconclusive += 1
            if firstInconclusive == nil { firstInconclusive = reason }
        }
    }
}
