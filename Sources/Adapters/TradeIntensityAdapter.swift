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

extension TradeIntensityAdapter: OnePassAdapter {
    /// The pass counts the day's trades that count (prefix counts); an entry's two intervals are found by
    /// binary search and counted as prefix differences, which are exact.
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        let trades = try day.tradeColumns()
        var counted = [Int32](repeating: 0, count: trades.count + 1)
        for index in 0..<trades.count {
            let counts = trades.eligibilityBits[index] & 1 != 0 && trades.sizes[index] > 0
            counted[index + 1] = counted[index] + (counts ? 1 : 0)
        }
        return Reader(adapter: self, times: trades.times, counted: counted)
    }

    private struct Reader: EntryReader {
        let adapter: TradeIntensityAdapter
        let times: [Int64]
        /// `counted[i]`: trades that count among the day's first `i`.
        let counted: [Int32]

        func outputs(_ context: EntryContext) throws -> [Double?] {
            let window = try context.trades()
            let intensity = TradeIntensity(
                recentMinutes: adapter.recentMinutes, windowMinutes: adapter.windowMinutes, observedFrom: window.window.start)
            let end = context.entry.nanoseconds
            let range = window.dayOffset..<(window.dayOffset + window.count)
            func count(_ length: Int64) -> Int? {
                guard end - length >= intensity.observedFrom.nanoseconds else { return nil }
                // The first trade of the view at or after `end − length`.
                var low = range.lowerBound
                var high = range.upperBound
                while low < high {
                    let middle = (low + high) / 2
                    if times[middle] < end - length { low = middle + 1 } else { high = middle }
                }
                return Int(counted[range.upperBound] - counted[low])
            }
            let rates = intensity.output(recentCount: count(intensity.recent), windowCount: count(intensity.window))
            return [rates.recentPerMinute, rates.windowPerMinute, rates.ratio]
        }
    }
}
