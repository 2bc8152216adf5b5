import Backtest
import MarketData

/// ``PriceRange`` of the trades of the last `minutes` before the entry that may set a high or a low.
///
/// - Data (step 3, requirements): trades of the last `minutes` (default 5). The engine fetches them once
///   per symbol-day with every other adapter's data, and the view holds only trades visible at the entry
///   (SIP time strictly before it) within the declared window.
/// - Eligibility: trades whose conditions let them update the high and low (Polygon's conditions table),
///   so odd lots and out-of-sequence prints do not widen the range.
/// - Outputs: `range_bps` (`null` before an eligible trade), `trades` (eligible trades counted).
public struct TradeRangeAdapter: BacktestAdapter {
    public let minutes: Int

    public init(minutes: Int = 5) {
        self.minutes = minutes
    }

    public var name: String { "TradeRange\(minutes)m" }
    public var summary: String { "high-low range of the last \(minutes) min of trades, in bps of its midpoint" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(minutes))] }
    public var outputs: [String] { ["range_bps", "trades"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var range = PriceRange()
        for trade in try context.trades() where trade.eligibility.updatesHighLow {
            range.add(trade.price)
        }
        return [range.basisPoints, Double(range.count)]
    }
}
