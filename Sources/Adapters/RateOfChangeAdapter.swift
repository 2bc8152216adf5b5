import Backtest
import Calculations
import MarketData

/// Rate of change of 1-minute closes over 10 bars (``RateOfChange``).
///
/// - Data: closed 1-minute bars of the last `lookbackMinutes` (default 30); the newest close against the
///   close 10 bars earlier (bars are counted, so a missing minute makes the span longer).
/// - Warm-up: `null` until 11 bars are in the window (09:41 on a full session).
/// - Outputs: `roc` (percent).
public struct RateOfChangeAdapter: BacktestAdapter {
    public let period: Int
    public let lookbackMinutes: Int

    public init(period: Int = 10, lookbackMinutes: Int = 30) {
        self.period = period
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "ROC\(period)" }
    public var summary: String { "Rate of change of 1min closes over \(period) bars (last \(lookbackMinutes) min), percent" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["roc"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var roc = RateOfChange(period: period)
        for bar in try context.bars(.minute1).suffix(period + 1) { roc.add(bar.close) }
        return [roc.value]
    }
}
