import Backtest
import Calculations
import MarketData

/// Simple moving average of 1-minute closes (``SimpleMovingAverage``), default SMA 20.
///
/// - Data: closed 1-minute bars of the last `lookbackMinutes` (default 40, twice the period, so a symbol
///   with a few minutes without trades still has `period` bars); the newest `period` bars are averaged.
///   Minutes without trades have no bar and are skipped, not filled.
/// - Warm-up: `sma` is `null` until `period` bars are visible in the window (09:50 on a full session).
/// - Outputs: `sma` (dollars), `close` (last visible close, dollars), `distance_bps`
///   (`10⁴ × (close − sma) / sma`).
public struct SMAAdapter: BacktestAdapter {
    public let period: Int
    public let lookbackMinutes: Int

    public init(period: Int = 20, lookbackMinutes: Int = 40) {
        self.period = period
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "SMA\(period)" }
    public var summary: String { "SMA(\(period)) of 1min closes (newest \(period) bars of the last \(lookbackMinutes) min) and the close's distance from it" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["sma", "close", "distance_bps"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let bars = try context.bars(.minute1)
        var sma = SimpleMovingAverage(period: period)
        for bar in bars.suffix(period) { sma.add(bar.close) }
        let close = bars.last?.close
        guard let value = sma.value, let close else { return [sma.value, close, nil] }
        return [value, close, value != 0 ? 10_000 * (close - value) / value : nil]
    }
}
