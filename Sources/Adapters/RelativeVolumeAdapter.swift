import Backtest
import Calculations
import MarketData

/// Relative volume: today's cumulative regular-session volume against the mean of the prior sessions'
/// cumulative volume at the same time of day (``RelativeVolume``).
///
/// - Data: 1-minute bars over `.sessions(priorSessions)` (default 5: from 04:00 of the trading day five
///   sessions back), fetched once per symbol-day by the planner. Only regular-session bars count, indexed
///   by minute from each day's 09:30; a minute without a bar is zero volume; an early-closed prior session
///   only enters the mean up to its close.
/// - Time of day: `m` = whole minutes from today's open to E (capped at today's session length); today's
///   cumulative volume is the sum of the closed regular bars (all of which lie before 09:30 + m).
/// - Warm-up: `null` before 09:31 (m = 0), and when no prior session has volume up to minute m.
/// - Outputs: `relative_volume` (ratio, 1 = a normal day so far), `cumulative_volume` (shares today),
///   `expected_volume` (shares, mean of the prior sessions up to the same minute).
public struct RelativeVolumeAdapter: BacktestAdapter {
    public let priorSessions: Int

    public init(priorSessions: Int = 5) {
        self.priorSessions = priorSessions
    }

    public var name: String { "RelativeVolume" }
    public var summary: String { "Cumulative regular-session volume vs the mean of the prior \(priorSessions) sessions at the same minute" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .sessions(priorSessions))] }
    public var outputs: [String] { ["relative_volume", "cumulative_volume", "expected_volume"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let calendar = SessionCalendar.nyse
        let today = try EntrySession.regular(of: context.entry)
        var days: [TradingSessions] = []
        var day = today.date
        for _ in 0..<priorSessions {
            day = try calendar.previousTradingDay(before: day)
            days.append(try calendar.sessions(on: day))
        }
        var volumes = days.map { [Double](repeating: 0, count: Self.minutes(in: $0)) }
        var todayVolume: [Double] = []
        for bar in try context.bars(.minute1) {
            if today.regular.contains(bar.start) {
                todayVolume.append(bar.volume)
            } else if let index = days.firstIndex(where: { $0.regular.contains(bar.start) }) {
                let minute = Int((bar.start.nanoseconds - days[index].regularOpen.nanoseconds) / Timestamp.nanosecondsPerMinute)
                volumes[index][minute] += bar.volume
            }
        }
        var relative = RelativeVolume(priorSessions: volumes)
        for volume in todayVolume { relative.add(volume: volume) }
        let elapsed = min(
            Self.minutes(in: today),
            Int(max(0, context.entry.nanoseconds - today.regularOpen.nanoseconds) / Timestamp.nanosecondsPerMinute))
        guard elapsed > 0 else { return [nil, nil, nil] }
        return [relative.ratio(elapsedMinutes: elapsed), relative.cumulativeVolume, relative.expectedVolume(elapsedMinutes: elapsed)]
    }

    /// Length of a regular session in minutes.
    static func minutes(in sessions: TradingSessions) -> Int {
        Int((sessions.regularClose.nanoseconds - sessions.regularOpen.nanoseconds) / Timestamp.nanosecondsPerMinute)
    }
}
