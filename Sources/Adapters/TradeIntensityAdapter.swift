import Backtest
import Calculations
import MarketData

/// Trade intensity (``TradeIntensity``): trades per minute over the last minute and over the last 30, and
/// their ratio.
///
/// - Data: trades of the last `windowMinutes` (default 30); prints that count towards volume (Form T and
///   odd lots included, official open/close reports not), each print once, equal timestamps too.
/// - Warm-up: none in time — the kernel is told the window starts at `E − windowMinutes`, so both rates
///   are always defined (0 when no trade printed); the ratio is `null` when the window rate is zero.
/// - Outputs: `recent_per_minute` (trades/min over the last `recentMinutes`, default 1),
///   `window_per_minute` (trades/min over the window), `ratio` (recent / window).
public struct TradeIntensityAdapter: BacktestAdapter {
    public let recentMinutes: Int
    public let windowMinutes: Int

    public init(recentMinutes: Int = 1, windowMinutes: Int = 30) {
        self.recentMinutes = recentMinutes
        self.windowMinutes = windowMinutes
    }

    public var name: String { "TradeIntensity" }
    public var summary: String { "Trades per minute over the last \(recentMinutes) and \(windowMinutes) min, and their ratio" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(windowMinutes))] }
    public var outputs: [String] { ["recent_per_minute", "window_per_minute", "ratio"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let trades = try context.trades()
        var intensity = TradeIntensity(recentMinutes: recentMinutes, windowMinutes: windowMinutes, observedFrom: trades.window.start)
        for trade in trades where trade.eligibility.updatesVolume && trade.size > 0 { intensity.add(at: trade.time) }
        let rates = intensity.rates(asOf: context.entry)
        return [rates.recentPerMinute, rates.windowPerMinute, rates.ratio]
    }
}
