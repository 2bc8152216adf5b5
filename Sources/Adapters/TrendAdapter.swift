import Backtest
import Calculations
import MarketData

/// Trend: least-squares slope of the last `period` 1-minute closes (``TrendSlope``); `Trend30` and
/// `Trend60` are the 30-minute and 1-hour trends.
///
/// - Data: closed 1-minute bars of the last `2 × period` minutes; the newest `period` bars are fitted
///   (bars are counted, not timed: `x = 0…period−1`), so a symbol with a few quiet minutes still has a
///   value.
/// - Warm-up: `null` until `period` bars are in the window (10:00 for Trend30, 10:30 for Trend60 on a full
///   session).
/// - Outputs: `slope` (dollars per bar), `slope_bps` (basis points of the mean close per bar).
public struct TrendAdapter: BacktestAdapter {
    public let period: Int

    public init(period: Int) {
        self.period = period
    }

    public var name: String { "Trend\(period)" }
    public var summary: String { "Least-squares slope of the last \(period) 1min closes (read from the last \(2 * period) min)" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(2 * period))] }
    public var outputs: [String] { ["slope", "slope_bps"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var trend = TrendSlope(period: period)
        for bar in try context.bars(.minute1).suffix(period) { trend.add(bar.close) }
        guard let value = trend.value else { return [nil, nil] }
        return [value.slope, value.basisPointsPerBar]
    }
}
