import Backtest
import Calculations
import MarketData

/// Bollinger Bands 20/2σ of 1-minute closes (``BollingerBands``): %B and bandwidth.
///
/// - Data: closed 1-minute bars of the last `lookbackMinutes` (default 40); the bands cover the newest 20
///   bars (population σ). Missing minutes are skipped, not filled.
/// - Warm-up: all `null` until 20 bars are in the window (09:50 on a full session); `percent_b` is `null`
///   for zero-width bands.
/// - Outputs: `middle`, `upper`, `lower` (dollars), `percent_b` (fraction: 0 = lower band, 1 = upper),
///   `bandwidth` ((upper − lower) / middle, a fraction).
public struct BollingerAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 40) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "Bollinger" }
    public var summary: String { "Bollinger 20/2σ of 1min closes (last \(lookbackMinutes) min): bands, %B, bandwidth" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["middle", "upper", "lower", "percent_b", "bandwidth"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var bands = BollingerBands(period: 20, deviations: 2)
        for bar in try context.bars(.minute1) { bands.add(bar.close) }
        guard let value = bands.value else { return [nil, nil, nil, nil, nil] }
        return [value.middle, value.upper, value.lower, value.percentB, value.bandwidth]
    }
}
