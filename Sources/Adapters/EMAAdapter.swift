import Backtest
import Calculations
import MarketData

/// EMA of bar closes (``ExponentialMovingAverage``): the seed's `M1EMA` and `M5EMA`.
///
/// - Parameters: timeframe, period (default 9), lookback in bars (default 30) or as a ``Lookback``.
/// - Data: closed bars of the timeframe whose bucket overlaps the lookback — with `lookbackBars`, the last
///   `lookbackBars × timeframe` minutes (so an entry at 10:02 with 5-minute bars reads 09:30…09:55 for 30
///   minutes); with `.sessions(n)`, every bar from 04:00 of the trading day `n` sessions back, across the
///   overnight gaps (the charting convention: one continuous series of bars). Minutes without trades have
///   no bar and are skipped, not filled.
/// - Warm-up: `ema` is `null` until `period` bars are visible in the window; the EMA is seeded with the
///   simple mean of the window's first `period` closes.
/// - Outputs: `ema`, and `close` (the last visible close, `null` with no bar).
public struct EMAAdapter: BacktestAdapter {
    public let name: String
    public let timeframe: Timeframe
    public let period: Int
    /// How far back bars are read.
    public let lookback: Lookback

    public init(name: String, timeframe: Timeframe, period: Int = 9, lookbackBars: Int = 30) {
        self.init(name: name, timeframe: timeframe, period: period, lookback: .minutes(lookbackBars * timeframe.minutes))
    }

    public init(name: String, timeframe: Timeframe, period: Int = 9, lookback: Lookback) {
        self.name = name
        self.timeframe = timeframe
        self.period = period
        self.lookback = lookback
    }

    public var summary: String {
        switch lookback {
        case .minutes(let minutes): "EMA(\(period)) of \(timeframe) closes over the last \(minutes / timeframe.minutes) bars"
        case .sessions: "EMA(\(period)) of \(timeframe) closes since 04:00 \(lookback) back (prior sessions' bars included)"
        }
    }
    public var requirements: [DataRequirement] { [.bars(timeframe, lookback: lookback)] }
    public var outputs: [String] { ["ema", "close"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let bars = try context.bars(timeframe)
        var ema = ExponentialMovingAverage(period: period)
        for bar in bars { ema.add(bar.close) }
        return [ema.value, bars.last?.close]
    }
}
