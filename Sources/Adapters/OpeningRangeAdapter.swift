import Backtest
import Calculations
import MarketData

/// Opening ranges of the first 15 and 30 minutes of the regular session (``OpeningRange``), and where
/// price stands relative to them.
///
/// - Data: today's closed 1-minute bars from 04:00 (`.sessions(0)`); the range is anchored at today's
///   regular open (09:30 New York) from the calendar. Bars lying wholly inside `[09:30, 09:30 + n)` set
///   the range; pre-market bars are ignored.
/// - Entry before the range ends (before 09:45 / 10:00): that range's outputs are `null` — the range is
///   not known yet, and no partial range is reported. At or after the end the range is complete even if
///   its last minute had no trade (the kernel is advanced to E).
/// - Breakout state: the close of the newest bar that starts at or after the range end: `+1` above the
///   high, `−1` below the low, `0` inside (touching is inside); `null` until such a bar has closed.
///   First breakout: the direction (`+1`/`−1`) of the first such close outside the range, `null` before.
/// - Outputs per range n ∈ {15, 30}: `orN_high`, `orN_low` (dollars), `orN_state`, `orN_first_breakout`.
public struct OpeningRangeAdapter: BacktestAdapter {
    public init() {}

    /// The ranges, in minutes from the open.
    public static let ranges = [15, 30]

    public var name: String { "OpeningRange" }
    public var summary: String { "High/low of the first 15 and 30 regular minutes, breakout state (+1 above, 0 inside, −1 below) and first breakout" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .sessions(0))] }
    public var outputs: [String] { Self.ranges.flatMap { ["or\($0)_high", "or\($0)_low", "or\($0)_state", "or\($0)_first_breakout"] } }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let open = try EntrySession.regular(of: context.entry).regularOpen
        var ranges = Self.ranges.map { OpeningRange(sessionOpen: open, minutes: $0) }
        for bar in try context.bars(.minute1) where bar.start >= open {
            for index in ranges.indices { ranges[index].add(start: bar.start, end: bar.end, high: bar.high, low: bar.low, close: bar.close) }
        }
        return ranges.flatMap { range -> [Double?] in
            var range = range
            range.advance(to: context.entry)
            return [range.high, range.low, range.state.map(Self.code), range.firstBreakout.map(Self.code)]
        }
    }

    /// `+1` above, `0` inside, `−1` below.
    static func code(_ position: OpeningRange.Position) -> Double {
        switch position {
        case .above: 1
        case .inside: 0
        case .below: -1
        }
    }
}
