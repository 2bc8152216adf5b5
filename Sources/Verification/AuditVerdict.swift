import Backtest

/// What one check concluded for one adapter and one entry (or one determinism comparison).
public enum AuditVerdict: Hashable, Sendable {
    /// The check ran on data that could have shown a leak, and none showed.
    case passed
    /// The check found a difference or a forbidden read.
    case failed(Difference)
    /// The check had nothing to check — a future check with no recorded record past the entry of a kind
    /// the adapter reads — so it proves nothing either way. The reason says what was missing.
    case inconclusive(String)

    /// The failure, if the check failed.
    public var failure: Difference? {
        if case .failed(let failure) = self { return failure }
        return nil
    }
}
