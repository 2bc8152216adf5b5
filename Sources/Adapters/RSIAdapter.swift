import Backtest
import Calculations
import MarketData

/// Wilder's RSI of 1-minute closes (``RelativeStrengthIndex``), default RSI 14.
///
/// - Data: closed 1-minute bars of the last `lookbackMinutes` (default 120), all fed in order: Wilder's
///   averages are seeded with the simple means of the window's first 14 gains/losses and smoothed over
///   the rest, so the value depends only on the declared window (a longer window would converge towards
///   the same figure, but it is not read). Minutes without trades are skipped, not filled.
/// - Warm-up: `null` until `period + 1` bars are in the window (09:45 on a full session), and for a flat
///   series (both averages zero).
/// - Outputs: `rsi` (0…100).
public struct RSIAdapter: BacktestAdapter {
    public let period: Int
    public let lookbackMinutes: Int

    public init(period: Int = 14, lookbackMinutes: Int = 120) {
        self.period = period
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "RSI\(period)" }
    public var summary: String { "Wilder RSI(\(period)) of 1min closes over the last \(lookbackMinutes) min" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["rsi"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var rsi = RelativeStrengthIndex(period: period)
        for bar in try context.bars(.minute1) { rsi.add(bar.close) }
        return [rsi.value]
    }
}
