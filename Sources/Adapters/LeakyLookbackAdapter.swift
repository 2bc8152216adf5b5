import Backtest
import MarketData

/// A deliberately leaky demo: declares 5 minutes of trades but reads 30, through the raw cache
/// (``TapeView/rawAccess(recordingTo:)``). Nothing it reads is in the future, yet its result depends on
/// what other adapters happened to ask for, and a recording made for its declared needs would not hold it.
///
/// Not registered: the window check catches it (data before the declared lookback removed, and the
/// back-door reads before it recorded); see docs/AUDIT.md. Outputs: `vwap_30min`, `trades`.
public struct LeakyLookbackAdapter: BacktestAdapter {
    public init() {}

    public var name: String { "LeakyLookback" }
    public var summary: String { "DEMO, leaks: declares 5 min of trades, reads 30 min before the entry" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(5))] }
    public var outputs: [String] { ["vwap_30min", "trades"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let raw = try context.trades().rawAccess(recordingTo: ViolationRecorder())
        let start = context.entry.advanced(by: -30 * Timestamp.nanosecondsPerMinute)
        var notional = 0.0
        var volume = 0.0
        var count = 0
        var index = raw.visibleRange.upperBound - 1
        while index >= 0 {
            let trade = raw.record(at: index)
            if trade.time < start { break }
            notional += trade.price * trade.size
            volume += trade.size
            count += 1
            index -= 1
        }
        return [volume > 0 ? notional / volume : nil, Double(count)]
    }
}
