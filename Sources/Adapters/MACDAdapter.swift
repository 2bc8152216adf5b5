import Backtest
import Calculations
import MarketData

/// MACD 12/26/9 of 1-minute closes (``MovingAverageConvergenceDivergence``).
///
/// - Data: closed 1-minute bars of the last `lookbackMinutes` (default 120), all fed in order; each EMA is
///   seeded with the simple mean of its first inputs inside the window. Missing minutes are skipped.
/// - Warm-up: `line` from the 26th bar in the window, `signal` and `histogram` from the 34th (10:04 on a
///   full session).
/// - Outputs: `line` (EMA12 − EMA26), `signal` (EMA9 of the line), `histogram` (line − signal), dollars.
public struct MACDAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 120) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "MACD" }
    public var summary: String { "MACD 12/26/9 of 1min closes over the last \(lookbackMinutes) min: line, signal, histogram" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["line", "signal", "histogram"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var macd = MovingAverageConvergenceDivergence(fast: 12, slow: 26, signal: 9)
        for bar in try context.bars(.minute1) { macd.add(bar.close) }
        return [macd.line, macd.signal, macd.histogram]
    }
}
