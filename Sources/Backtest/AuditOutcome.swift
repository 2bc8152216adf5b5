/// The result of one check for one adapter over every entry.
public struct AuditOutcome: Hashable, Sendable {
    public var adapter: String
    public var check: AuditCheck
    /// Entries (or, for determinism, comparisons) examined.
    public var examined: Int
    /// How many of them failed.
    public var failed: Int
    /// The first failure in input order, if any.
    public var firstFailure: AuditFailure?

    public init(adapter: String, check: AuditCheck, examined: Int = 0, failed: Int = 0, firstFailure: AuditFailure? = nil) {
        self.adapter = adapter
        self.check = check
        self.examined = examined
        self.failed = failed
        self.firstFailure = firstFailure
    }

    public var passed: Bool { failed == 0 }

    /// Counts one examined item, failing it with `failure` if given; keeps the first failure.
    mutating func add(_ failure: AuditFailure?) {
        examined += 1
        guard let failure else { return }
        failed += 1
        if firstFailure == nil { firstFailure = failure }
    }
}
