import Backtest
import Calculations
import MarketData

/// Order-flow imbalance of Cont, Kukanov and Stoikov (2014) over the NBBO updates of the window
/// (``OrderFlowImbalance``).
///
/// - Data: quotes of the last `lookbackMinutes` (default 5), in SIP-time order; the first quote in the
///   window is only a reference (the one before it is not visible), and a crossed or one-sided quote
///   breaks the chain.
/// - Warm-up: `null` until two consecutive usable quotes are in the window.
/// - Outputs: `ofi` (round lots, positive = buying pressure), `ofi_normalized` (OFI / mean depth
///   `(bidSize + askSize) / 2`), `events` (number of terms summed).
public struct OrderFlowImbalanceAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 5) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "OFI" }
    public var summary: String { "Order-flow imbalance (Cont-Kukanov-Stoikov 2014) over \(lookbackMinutes) min of NBBO updates, raw and depth-normalized" }
    public var requirements: [DataRequirement] { [.quotes(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["ofi", "ofi_normalized", "events"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var ofi = OrderFlowImbalance()
        for quote in try context.quotes() { ofi.add(quote.quote) }
        guard let value = ofi.value else { return [nil, nil, nil] }
        return [value, ofi.normalized, Double(ofi.eventCount)]
    }
}
