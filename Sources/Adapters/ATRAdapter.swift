import Backtest
import Calculations
import MarketData

/// Wilder's average true range of 1-minute bars (``AverageTrueRange``), default ATR 14.
///
/// - Data: closed 1-minute bars of the last `lookbackMinutes` (default 120), all fed in order; the first
///   bar of the window has no previous close, so its true range is `H − L`. Missing minutes are skipped.
/// - Warm-up: `null` until `period` bars are in the window (09:44 on a full session).
/// - Outputs: `atr` (dollars), `atr_bps` (basis points of the last close).
public struct ATRAdapter: BacktestAdapter {
    public let period: Int
    public let lookbackMinutes: Int

    public init(period: Int = 14, lookbackMinutes: Int = 120) {
        self.period = period
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "ATR\(period)" }
    public var summary: String { "Wilder ATR(\(period)) of 1min bars over the last \(lookbackMinutes) min" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["atr", "atr_bps"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var atr = AverageTrueRange(period: period)
        var close: Double?
        for bar in try context.bars(.minute1) {
            atr.add(high: bar.high, low: bar.low, close: bar.close)
            close = bar.close
        }
        guard let value = atr.value, let close, close > 0 else { return [atr.value, nil] }
        return [value, 10_000 * value / close]
    }
}
