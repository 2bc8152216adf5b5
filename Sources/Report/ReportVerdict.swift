import Backtest
import Verification

/// The audit's verdict on one adapter for one entry: a cell of the report's heatmap.
public enum ReportVerdict: Hashable, Sendable {
    /// Every per-entry check passed.
    case pass
    /// No check failed, but one had nothing to check (no recorded future past the entry to perturb).
    case inconclusive
    /// A check failed; the first failure in check order, with its first differing value.
    case fail(Difference)
}
