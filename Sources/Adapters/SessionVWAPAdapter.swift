import Backtest
import Calculations
import MarketData

/// Session VWAP (``SessionVWAP``) and the last close's distance from it.
///
/// - Data: today's closed 1-minute bars from 04:00 (`.sessions(0)`); only bars of the regular session
///   (start ≥ 09:30 and before the close) are fed, so the session is the regular one. Each bar contributes
///   its `vwap × volume` (typical price `(H + L + C) / 3` when the source left `vw` off).
/// - Reference price for the distance: the close of the last closed regular-session bar.
/// - Warm-up: `null` before the first regular-session bar has closed (any entry before 09:31).
/// - Outputs: `vwap` (dollars), `distance` (close − VWAP, dollars), `distance_bps` (basis points of VWAP).
public struct SessionVWAPAdapter: BacktestAdapter {
    public init() {}

    public var name: String { "SessionVWAP" }
    public var summary: String { "Regular-session VWAP from 1min bars since 09:30, and the last close's distance from it" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .sessions(0))] }
    public var outputs: [String] { ["vwap", "distance", "distance_bps"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let session = try EntrySession.regular(of: context.entry).regular
        var vwap = SessionVWAP()
        var close: Double?
        for bar in try context.bars(.minute1) where session.contains(bar.start) {
            vwap.add(bar.bar)
            close = bar.close
        }
        guard let close, let distance = vwap.distance(from: close) else { return [vwap.value, nil, nil] }
        return [vwap.value, distance.dollars, distance.basisPoints]
    }
}
