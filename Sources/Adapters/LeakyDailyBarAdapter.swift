import Backtest
import MarketData

/// A deliberately leaky demo: reads today's daily bar intraday — "today's high so far" taken from a bar
/// that closes at the end of the day, so it already holds every trade after the entry.
///
/// The view shows only daily bars that have closed by E (earlier days), so this adapter reaches today's
/// through the raw cache (``TapeView/rawAccess(recordingTo:)``). Not registered: the guard check and the
/// future checks catch it (see docs/AUDIT.md). Outputs: `today_high`, `today_close`.
public struct LeakyDailyBarAdapter: BacktestAdapter {
    public init() {}

    public var name: String { "LeakyDailyBar" }
    public var summary: String { "DEMO, leaks: today's daily high and close read intraday, from a bar closing at the end of the day" }
    public var requirements: [DataRequirement] { [.bars(.daily, lookback: .sessions(1))] }
    public var outputs: [String] { ["today_high", "today_close"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let raw = try context.bars(.daily).rawAccess(recordingTo: ViolationRecorder())
        let today = NewYorkTime.date(of: context.entry)
        for index in raw.visibleRange.lowerBound..<raw.count {
            let bar = raw.record(at: index)
            if NewYorkTime.date(of: bar.start) == today { return [bar.high, bar.close] }
        }
        return [nil, nil]
    }
}
