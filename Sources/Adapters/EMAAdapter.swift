import Backtest
import Calculations
import MarketData

/// EMA of bar closes (``ExponentialMovingAverage``): the seed's `M1EMA` and `M5EMA`.
///
/// - Parameters: timeframe, period (default 9), lookback in bars (default 30).
/// - Data: closed bars of the timeframe whose bucket overlaps the last `lookbackBars × timeframe`
///   minutes (so an entry at 10:02 with 5-minute bars reads 09:30…09:55 for 30 minutes); minutes without
///   trades have no bar and are skipped, not filled.
/// - Warm-up: `ema` is `null` until `period` bars are visible in the window; the EMA is seeded with the
///   simple mean of the window's first `period` closes.
/// - Outputs: `ema`, and `close` (the last visible close, `null` with no bar).
public struct EMAAdapter: BacktestAdapter {
    public let name: String
    public let timeframe: Timeframe
    public let period: Int
    public let lookbackBars: Int

    public init(name: String, timeframe: Timeframe, period: Int = 9, lookbackBars: Int = 30) {
        self.name = name
        self.timeframe = timeframe
        self.period = period
        self.lookbackBars = lookbackBars
    }

    public var summary: String { "EMA(\(period)) of \(timeframe) closes over the last \(lookbackBars) bars" }
    public var requirements: [DataRequirement] { [.bars(timeframe, lookback: .minutes(lookbackBars * timeframe.minutes))] }
    public var outputs: [String] { ["ema", "close"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let bars = try context.bars(timeframe)
        var ema = ExponentialMovingAverage(period: period)
        for bar in bars { ema.add(bar.close) }
        return [ema.value, bars.last?.close]
    }
}
