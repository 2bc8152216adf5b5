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
        let today = try EntrySession.regular(of: context.entry)
        let bars = try context.bars(.minute1)
        var relative = try prior(today: today, bars: bars)
        return Self.outputs(&relative, today: today, bars: bars, entry: context.entry)
    }

    /// The prior sessions' per-minute volumes, from the bars that start in their regular sessions.
    func prior(today: TradingSessions, bars: TapeView<BarColumns>) throws -> RelativeVolume {
        let calendar = SessionCalendar.nyse
        var days: [TradingSessions] = []
        var day = today.date
        for _ in 0..<priorSessions {
            day = try calendar.previousTradingDay(before: day)
            days.append(try calendar.sessions(on: day))
        }
        var volumes = days.map { [Double](repeating: 0, count: Self.minutes(in: $0)) }
        for bar in bars where bar.start < today.regularOpen {
            if let index = days.firstIndex(where: { $0.regular.contains(bar.start) }) {
                let minute = Int((bar.start.nanoseconds - days[index].regularOpen.nanoseconds) / Timestamp.nanosecondsPerMinute)
                volumes[index][minute] += bar.volume
            }
        }
        return RelativeVolume(priorSessions: volumes)
    }

    /// Adds today's regular bars of `bars` (an entry's view) to `relative`, and reads the outputs at `entry`.
    static func outputs(_ relative: inout RelativeVolume, today: TradingSessions, bars: TapeView<BarColumns>, entry: Timestamp) -> [Double?] {
        // Today's bars are the view's last ones: start where they do.
        var low = 0
        var high = bars.count
        while low < high {
            let middle = (low + high) / 2
            if bars[middle].start < today.regularOpen { low = middle + 1 } else { high = middle }
        }
        for index in low..<bars.count where today.regular.contains(bars[index].start) { relative.add(volume: bars[index].volume) }
        let elapsed = min(
            minutes(in: today), Int(max(0, entry.nanoseconds - today.regularOpen.nanoseconds) / Timestamp.nanosecondsPerMinute))
        guard elapsed > 0 else { return [nil, nil, nil] }
        return [relative.ratio(elapsedMinutes: elapsed), relative.cumulativeVolume, relative.expectedVolume(elapsedMinutes: elapsed)]
    }

    /// Length of a regular session in minutes.
    static func minutes(in sessions: TradingSessions) -> Int {
        Int((sessions.regularClose.nanoseconds - sessions.regularOpen.nanoseconds) / Timestamp.nanosecondsPerMinute)
    }
}

extension RelativeVolumeAdapter: OnePassAdapter {
    /// The prior sessions' volumes are the same for every entry of the day: the pass reads them once; an
    /// entry only adds today's bars of its view. A day whose calendar cannot be read is left to
    /// ``evaluate(_:)``, so its error reaches the user as it would per entry.
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        guard let today = try? SessionCalendar.nyse.sessions(on: day.date), let prior = try? prior(today: today, bars: day.bars(.minute1)) else {
            return PerEntryReader(adapter: self)
        }
        return Reader(adapter: self, today: today, prior: prior)
    }

    private struct Reader: EntryReader {
        let adapter: RelativeVolumeAdapter
        let today: TradingSessions
        let prior: RelativeVolume

        func outputs(_ context: EntryContext) throws -> [Double?] {
            guard try EntrySession.regular(of: context.entry) == today else { return try adapter.evaluate(context) }
            var relative = prior
            return RelativeVolumeAdapter.outputs(&relative, today: today, bars: try context.bars(.minute1), entry: context.entry)
        }
    }

    private struct PerEntryReader: EntryReader {
        let adapter: RelativeVolumeAdapter

        func outputs(_ context: EntryContext) throws -> [Double?] { try adapter.evaluate(context) }
    }
}
