import Backtest
import Calculations
import MarketData

/// Cumulative delta by the tick rule alone (``TickTest``): the tick-rule variant of `CumDelta`.
///
/// - Data: trades of the last `lookbackMinutes` (default 30); no quotes.
/// - Classification: a trade above the last different reference price is a buy, below it a sell, at it
///   the direction of the last non-zero tick; until two different reference prices have been seen in the
///   window a trade is unclassified (the tick state starts fresh at the window's start: nothing before
///   the declared lookback is read).
/// - Eligibility: as `CumDelta` — trades that count towards consolidated volume are classified and summed;
///   only trades that may set a bar's last or high/low move the reference (odd lots and Form T do not).
/// - Warm-up: all outputs are `null` when the window holds no eligible trade.
/// - Outputs: `delta` (buy − sell volume, shares), `buy_volume`, `sell_volume`, `unclassified_volume`
///   (shares).
public struct TickDeltaAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 30) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "CumDeltaTick" }
    public var summary: String { "Cumulative delta over \(lookbackMinutes) min, trades signed by the tick rule (no quotes)" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["delta", "buy_volume", "sell_volume", "unclassified_volume"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var tick = TickTest()
        var volumes = (buy: 0.0, sell: 0.0, unknown: 0.0)
        var trades = 0
        for trade in try context.trades() where trade.eligibility.updatesVolume {
            trades += 1
            switch tick.classify(trade.price) {
            case .buy: volumes.buy += trade.size
            case .sell: volumes.sell += trade.size
            case .unknown: volumes.unknown += trade.size
            }
            if trade.setsReferencePrice { tick.observe(trade.price) }
        }
        guard trades > 0 else { return [nil, nil, nil, nil] }
        return [volumes.buy - volumes.sell, volumes.buy, volumes.sell, volumes.unknown]
    }
}

extension TickDeltaAdapter: OnePassAdapter {
    /// The tick rule over the day's trades once (``TickTestSums``); an entry's volumes are a prefix
    /// difference after its window's tick test has caught up with the day's (``WindowSums``).
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        try TickTestSums.prepare(day).reader { lanes in
            guard lanes[5] > 0 else { return [nil, nil, nil, nil] }
            return [lanes[2] - lanes[3], lanes[2], lanes[3], lanes[4]]
        }
    }
}
