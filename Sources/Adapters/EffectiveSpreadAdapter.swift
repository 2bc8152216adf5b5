import Backtest
import Calculations
import MarketData

/// Effective spread `2 |p − mid|` of each trade against the prevailing NBBO (``EffectiveSpread``).
///
/// - Data: trades and quotes of the last `lookbackMinutes` (default 5), fed in merged-stream order
///   (SIP time, then quotes before trades at equal times, then sequence number), so a quote stamped with
///   a trade's own SIP time prevails for it.
/// - Conventions: trades whose price is current (`updatesOpenClose`: no odd lots, Form T, late or
///   average-price prints); a trade before the first quote in the window, or under a crossed/one-sided
///   quote, is unmatched (the quote in force before the window is not visible).
/// - Warm-up: all `null` before a matched trade in the window.
/// - Outputs: `mean_cents`, `vw_mean_cents` (size-weighted), `mean_bps`, `vw_mean_bps` (of the mid),
///   `matched_trades`, `unmatched_trades`.
public struct EffectiveSpreadAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 5) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "EffectiveSpread" }
    public var summary: String { "Effective spread 2|p − mid| over \(lookbackMinutes) min of trades against the prevailing NBBO (cents, bps)" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(lookbackMinutes)), .quotes(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["mean_cents", "vw_mean_cents", "mean_bps", "vw_mean_bps", "matched_trades", "unmatched_trades"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var stream = try context.events(quotes: true, trades: true)
        var spread = EffectiveSpread()
        while let event = try stream.next() {
            switch event {
            case .quote(let quote): spread.add(quote.quote)
            case .trade(let trade) where trade.eligibility.updatesOpenClose: spread.add(price: trade.price, size: trade.size)
            case .trade, .barClose: break
            }
        }
        guard let value = spread.value else { return [nil, nil, nil, nil, nil, nil] }
        return [
            value.meanCents, value.volumeWeightedMeanCents, value.meanBasisPoints, value.volumeWeightedMeanBasisPoints,
            Double(value.matchedTrades), Double(value.unmatchedTrades),
        ]
    }
}
