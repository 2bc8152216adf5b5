import Backtest

/// One property the audit proves per adapter, a column of its table.
public enum AuditCheck: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// No read past the frontier through the back door (``TapeView/rawAccess(recordingTo:)``).
    case guardRail = "guard"
    /// Outputs identical when every record not visible at E is removed.
    case futureRemoved = "future-cut"
    /// … when those records' prices are shifted (and sizes doubled).
    case futureShifted = "future-shift"
    /// … when extra trades, quotes and bars are planted at and after E.
    case futureExtra = "future-extra"
    /// … when the future events are reordered over their timestamps.
    case futureReordered = "future-reorder"
    /// Outputs identical when data before the adapter's declared lookback is removed, and no read
    /// before it through the back door.
    case window
    /// Identical digests over two runs, 1 vs N threads, cold vs warm cache, and across source pairs.
    case determinism

    public var description: String { rawValue }

    public static func < (a: AuditCheck, b: AuditCheck) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The perturbation of the future this check applies, if it is one of the future checks.
    var futurePerturbation: AuditPerturbation.Kind? {
        switch self {
        case .futureRemoved: .removed
        case .futureShifted: .shiftedPrices
        case .futureExtra: .extraTrades
        case .futureReordered: .reordered
        case .guardRail, .window, .determinism: nil
        }
    }

    /// Parses a check name as printed in the table (`guard`, `future-cut`, …).
    public init?(name: String) {
        self.init(rawValue: name)
    }
}
