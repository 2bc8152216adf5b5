import MarketData

/// How far past an entry the audit reads future data: shared by the audit, which perturbs that future,
/// and by recording plans, which record it (`tapedeck record --for-audit`) so the audit is conclusive.
public enum FutureHorizon {
    /// Nanoseconds past the last entry: `minutes`, or the longest bar of `timeframes` if longer (a daily
    /// bar counts as a regular session), so a bar straddling the entry can close.
    public static func nanoseconds(for timeframes: Set<Timeframe>, minutes: Int) -> Int64 {
        let session = 6 * 60 * Timestamp.nanosecondsPerMinute + 30 * Timestamp.nanosecondsPerMinute
        let longest = timeframes.map { $0.duration ?? session }.max() ?? 0
        return max(nanoseconds(minutes: max(1, minutes)), longest)
    }

    /// `count` minutes in nanoseconds, saturating instead of overflowing (the horizon comes from the
    /// command line).
    public static func nanoseconds(minutes count: Int) -> Int64 {
        let (product, overflow) = Int64(count).multipliedReportingOverflow(by: Timestamp.nanosecondsPerMinute)
        return overflow ? (count < 0 ? .min : .max) : product
    }
}
