import Backtest
import Calculations
import MarketData

/// Amihud illiquidity over 1-minute bars (``AmihudIlliquidity``).
///
/// - Data: closed 1-minute bars of the last `lookbackMinutes` (default 60); the newest `window` (default
///   30) values `|Cₜ/Cₜ₋₁ − 1| / (volumeₜ × vwapₜ)` between consecutive bars (close instead of vwap when the
///   source left `vw` off). A missing minute makes a return span two minutes.
/// - Warm-up: `null` until `window` values exist (`window + 1` bars, 10:01 on a full session).
/// - Outputs: `illiquidity_per_million` (mean absolute return per $1M traded, i.e. the kernel's value
///   × 10⁶).
public struct AmihudAdapter: BacktestAdapter {
    public let window: Int
    public let lookbackMinutes: Int

    public init(window: Int = 30, lookbackMinutes: Int = 60) {
        self.window = window
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "Amihud" }
    public var summary: String { "Amihud illiquidity: mean |return| per $1M over the newest \(window) 1min bars (last \(lookbackMinutes) min)" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["illiquidity_per_million"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var amihud = AmihudIlliquidity(window: window)
        for bar in try context.bars(.minute1) { amihud.add(bar.bar) }
        return [amihud.value.map { $0 * 1_000_000 }]
    }
}
