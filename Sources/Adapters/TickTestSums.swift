import Backtest
import Calculations
import MarketData

/// The one pass that CumDeltaTick and TickFlow share: the tick test (``TickTest``) over the day's trades
/// that count towards volume, summed per side, with only trades that may set a reference moving it.
///
/// Lanes: 0 uptick trades, 1 downtick trades, 2 uptick volume, 3 downtick volume, 4 unclassified volume,
/// 5 trades counted.
enum TickTestSums {
    static func prepare(_ day: DayContext) throws(TapeDeckError) -> WindowSums<TickTest> {
        try WindowSums(day, quotes: false, initial: TickTest(), step: step)
    }

    private static let step: WindowSums<TickTest>.Step = { tick, event in
        guard case .trade(let trade) = event, trade.eligibility.updatesVolume else { return .zero }
        var lanes = WindowSums<TickTest>.Sums.zero
        switch tick.classify(trade.price) {
        case .buy:
            lanes[0] = 1
            lanes[2] = trade.size
        case .sell:
            lanes[1] = 1
            lanes[3] = trade.size
        case .unknown:
            lanes[4] = trade.size
        }
        lanes[5] = 1
        if trade.setsReferencePrice { tick.observe(trade.price) }
        return lanes
    }
}
