import Backtest
import Calculations
import MarketData

/// On-balance volume of today's regular-session 1-minute bars (``OnBalanceVolume``).
///
/// - Data: today's closed 1-minute bars from 04:00 (`.sessions(0)`); only regular-session bars (09:30 to
///   the close) are fed, so OBV is anchored at 0 on the first bar of the session. Since the level depends
///   on that anchor, the adapter also reports the change over the last `changeMinutes` (default 30).
/// - Warm-up: `obv` is `null` before the first regular-session bar has closed; `obv_change` is `null`
///   until a bar closed at or before `E − changeMinutes` (from 10:00 on a full session).
/// - Outputs: `obv` (shares, from 0 at the open), `obv_change` (shares over the last `changeMinutes`:
///   OBV now minus OBV after the last bar that ended by `E − changeMinutes`).
public struct OBVAdapter: BacktestAdapter {
    public let changeMinutes: Int

    public init(changeMinutes: Int = 30) {
        self.changeMinutes = changeMinutes
    }

    public var name: String { "OBV" }
    public var summary: String { "On-balance volume of today's regular-session 1min bars (0 at the open) and its change over \(changeMinutes) min" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .sessions(0))] }
    public var outputs: [String] { ["obv", "obv_change"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let session = try EntrySession.regular(of: context.entry).regular
        let cutoff = context.entry.advanced(by: -Int64(changeMinutes) * Timestamp.nanosecondsPerMinute)
        var obv = OnBalanceVolume()
        var atCutoff: Double?
        for bar in try context.bars(.minute1) where session.contains(bar.start) {
            obv.add(close: bar.close, volume: bar.volume)
            if bar.end <= cutoff { atCutoff = obv.value }
        }
        guard let value = obv.value else { return [nil, nil] }
        return [value, atCutoff.map { value - $0 }]
    }
}
