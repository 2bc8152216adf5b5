import Backtest
import Calculations
import MarketData

/// Stochastic oscillator 14/3 of 1-minute bars (``StochasticOscillator``).
///
/// - Data: closed 1-minute bars of the last `lookbackMinutes` (default 30: enough for 14 + 2 bars with a
///   few minutes missing). Missing minutes are skipped, not filled.
/// - Warm-up: `percent_k` is `null` until 14 bars (and when the 14-bar range is zero); `percent_d` until
///   the last 3 %K values all exist (09:46 on a full session).
/// - Outputs: `percent_k`, `percent_d` (0…100).
public struct StochasticAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 30) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "Stochastic" }
    public var summary: String { "Stochastic 14/3 of 1min bars over the last \(lookbackMinutes) min: %K, %D" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["percent_k", "percent_d"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var stochastic = StochasticOscillator(period: 14, smoothing: 3)
        for bar in try context.bars(.minute1) { stochastic.add(high: bar.high, low: bar.low, close: bar.close) }
        return [stochastic.percentK, stochastic.percentD]
    }
}
