import Backtest
import Calculations
import MarketData

/// Realized volatility from 1-minute log returns (``RealizedVolatility``).
///
/// - Data: closed 1-minute bars of the last `lookbackMinutes` (default 60); the newest `window` (default
///   30) log returns between consecutive bars. A missing minute makes a return span two minutes (not
///   rescaled).
/// - Warm-up: `null` until `window + 1` bars are in the window (10:01 on a full session).
/// - Outputs: `realized_vol` (`sqrt(Σ r²)` over the window, a fraction: 0.01 = 1 %), `annualized`
///   (`sqrt(Σ r² / window × 252 × 390)`, a fraction).
public struct RealizedVolatilityAdapter: BacktestAdapter {
    public let window: Int
    public let lookbackMinutes: Int

    public init(window: Int = 30, lookbackMinutes: Int = 60) {
        self.window = window
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "RealizedVol" }
    public var summary: String { "Realized volatility of the newest \(window) 1min log returns (last \(lookbackMinutes) min), raw and annualized" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["realized_vol", "annualized"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var volatility = RealizedVolatility(window: window)
        for bar in try context.bars(.minute1) { volatility.add(bar.close) }
        return [volatility.value, volatility.annualized()]
    }
}
