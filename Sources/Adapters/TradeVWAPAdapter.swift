import Backtest
import Calculations
import MarketData

/// VWAP of the last N trades (``RecentTradesVWAP``), default 100, and the last trade's distance from it.
///
/// - Data: trades of the last `lookbackMinutes` (default 30); the newest `count` trades that count towards
///   volume and have a positive size. Only those are read: the view is scanned backwards from E.
/// - Warm-up: `null` until the window holds `count` such trades (an illiquid symbol may stay `null`).
/// - Outputs: `vwap` (dollars), `last_price` (the newest of those trades, dollars), `distance_bps`
///   (`10⁴ × (last − vwap) / vwap`).
public struct TradeVWAPAdapter: BacktestAdapter {
    public let count: Int
    public let lookbackMinutes: Int

    public init(count: Int = 100, lookbackMinutes: Int = 30) {
        self.count = count
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "TradeVWAP" }
    public var summary: String { "VWAP of the last \(count) volume trades within \(lookbackMinutes) min, and the last price's distance from it" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["vwap", "last_price", "distance_bps"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let trades = try context.trades()
        // Walk back to the first of the newest `count` eligible trades, then feed forward in order.
        var first = trades.endIndex
        var found = 0
        while first > trades.startIndex, found < count {
            first -= 1
            let trade = trades[first]
            if trade.eligibility.updatesVolume, trade.size > 0 { found += 1 }
        }
        var vwap = RecentTradesVWAP(count: count)
        var last: Double?
        for index in first..<trades.endIndex {
            let trade = trades[index]
            guard trade.eligibility.updatesVolume, trade.size > 0 else { continue }
            vwap.add(price: trade.price, size: trade.size)
            last = trade.price
        }
        guard let value = vwap.value, let last, value != 0 else { return [vwap.value, nil, nil] }
        return [value, last, 10_000 * (last - value) / value]
    }
}
