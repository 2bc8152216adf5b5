import MarketData

/// How far past an entry the audit reads future data, per kind: shared by the audit, which perturbs that
/// future, and by recording plans, which record it (`tapedeck record --for-audit`) so the audit is
/// conclusive.
///
/// Trades and quotes need `--horizon` minutes; bars need that too, or the longest bar timeframe read if
/// longer, so a bar straddling the entry can close (a daily bar needs a regular session). The bars'
/// horizon is the bars' alone: a daily bar never makes the audit read hours of ticks.
public enum FutureHorizon {
    /// Nanoseconds past the last entry that `kind` is read for: `minutes` (at least 1) for trades and
    /// quotes; for bars, the longest bar of `timeframes` if longer (a daily bar counts as a regular
    /// session).
    public static func nanoseconds(for kind: DataKind, timeframes: Set<Timeframe>, minutes: Int) -> Int64 {
        let plain = nanoseconds(minutes: max(1, minutes))
        guard kind == .bars else { return plain }
        let session = 6 * 60 * Timestamp.nanosecondsPerMinute + 30 * Timestamp.nanosecondsPerMinute
        let longest = timeframes.map { $0.duration ?? session }.max() ?? 0
        return max(plain, longest)
    }

    /// ``nanoseconds(for:timeframes:minutes:)`` of every kind.
    public static func horizons(timeframes: Set<Timeframe>, minutes: Int) -> [DataKind: Int64] {
        Dictionary(uniqueKeysWithValues: DataKind.allCases.map { ($0, nanoseconds(for: $0, timeframes: timeframes, minutes: minutes)) })
    }

    /// `windows`, each extended to at least its kind's horizon (`horizons`, 0 when absent) past `latest`.
    public static func extending(
        _ windows: [DataKind: TimeWindow], past latest: Timestamp, by horizons: [DataKind: Int64]
    ) -> [DataKind: TimeWindow] {
        var extended: [DataKind: TimeWindow] = [:]
        for (kind, window) in windows {
            extended[kind] = TimeWindow(uncheckedStart: window.start, end: max(window.end, latest.advanced(by: horizons[kind] ?? 0)))
        }
        return extended
    }

    /// `count` minutes in nanoseconds, saturating instead of overflowing (the horizon comes from the
    /// command line).
    public static func nanoseconds(minutes count: Int) -> Int64 {
        let (product, overflow) = Int64(count).multipliedReportingOverflow(by: Timestamp.nanosecondsPerMinute)
        return overflow ? (count < 0 ? .min : .max) : product
    }
}
