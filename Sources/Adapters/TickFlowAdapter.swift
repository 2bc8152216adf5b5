import Backtest
import Calculations
import MarketData

/// Tick flow: uptick and downtick counts and volumes by the tick test, and their volume ratio.
///
/// - Parameters: lookback in minutes (default 15).
/// - Eligibility: trades that count towards consolidated volume are counted; only trades that may set a
///   bar's last or high/low move the tick reference. Zero ticks take the last non-zero direction; trades
///   before the window has two different reference prices are not counted (the tick test starts fresh at
///   the window's start: nothing before the declared lookback is read).
/// - Warm-up: all outputs are `null` when the window holds no eligible trade; `buy_sell_ratio` is `null`
///   when there is no downtick volume.
/// - Outputs: `upticks`, `downticks`, `uptick_volume`, `downtick_volume`, `buy_sell_ratio`
///   (uptick volume / downtick volume).
public struct TickFlowAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 15) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "TickFlow" }
    public var summary: String { "Upticks/downticks (counts, volumes) and buy/sell volume ratio over \(lookbackMinutes) min by the tick test" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["upticks", "downticks", "uptick_volume", "downtick_volume", "buy_sell_ratio"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var flow = TickFlowAccumulator()
        for trade in try context.trades() where trade.eligibility.updatesVolume {
            flow.add(price: trade.price, size: trade.size, updatesReference: trade.setsReferencePrice)
        }
        guard flow.trades > 0 else { return [nil, nil, nil, nil, nil] }
        return [Double(flow.upticks), Double(flow.downticks), flow.uptickVolume, flow.downtickVolume, flow.volumeRatio]
    }
}

extension TickFlowAdapter: OnePassAdapter {
    /// The tick test over the day's trades once (``TickTestSums``); an entry's counts are a prefix
    /// difference after its window's tick test has caught up with the day's (``WindowSums``).
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        try TickTestSums.prepare(day).reader { lanes in
            guard lanes[5] > 0 else { return [nil, nil, nil, nil, nil] }
            return [lanes[0], lanes[1], lanes[2], lanes[3], lanes[3] > 0 ? lanes[2] / lanes[3] : nil]
        }
    }
}
