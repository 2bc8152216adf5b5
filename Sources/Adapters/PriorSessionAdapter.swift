import Backtest
import Calculations
import MarketData

/// The prior regular session's high, low and close, and today's opening gap (``PriorSessionLevels``).
///
/// - Data: daily bars over `.sessions(1)` (the daily bar is the regular session aggregated from 1-minute
///   bars, early closes honoured; today's is never visible intraday), and today's 1-minute bars from 04:00
///   (`.sessions(0)`). The prior session is the newest visible daily bar of a day before the entry's day.
/// - Today's open: the open of today's first regular-session 1-minute bar (the 09:30 bar, or the first
///   later minute with a trade), known once that bar has closed — not Polygon's official opening print.
/// - Warm-up: levels are `null` without a prior-session bar; the gap is `null` before today's first
///   regular bar has closed (entries before 09:31).
/// - Outputs: `prior_high`, `prior_low`, `prior_close` (dollars), `gap` (today's open − prior close,
///   dollars), `gap_percent` (percent of the prior close).
public struct PriorSessionAdapter: BacktestAdapter {
    public init() {}

    public var name: String { "PriorSession" }
    public var summary: String { "Prior regular session's high, low, close (daily bar) and today's gap from the first regular 1min open" }
    public var requirements: [DataRequirement] { [.bars(.daily, lookback: .sessions(1)), .bars(.minute1, lookback: .sessions(0))] }
    public var outputs: [String] { ["prior_high", "prior_low", "prior_close", "gap", "gap_percent"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let today = NewYorkTime.date(of: context.entry)
        let open = try EntrySession.regular(of: context.entry).regularOpen
        var levels = PriorSessionLevels()
        if let prior = try context.bars(.daily).last(where: { NewYorkTime.date(of: $0.start) < today }) {
            levels.add(high: prior.high, low: prior.low, close: prior.close)
        }
        let todayOpen = try context.bars(.minute1).first(where: { $0.start >= open })?.open
        let gap = todayOpen.flatMap { levels.gap(open: $0) }
        return [levels.high, levels.low, levels.close, gap?.points, gap?.percent]
    }
}
