import Backtest
import Calculations
import MarketData

/// Trade size profile (``TradeSizeProfile``): share of volume in blocks and in odd lots, mean trade size.
///
/// - Data: trades of the last `lookbackMinutes` (default 30) that count towards volume.
/// - Conventions: a block is ≥ 10,000 shares; an odd lot is a trade carrying the Odd Lot condition (37),
///   which the SIP sets against each symbol's own round lot (since the 2025 round-lot reform, fewer than
///   100 shares for high-priced symbols), so a 40-share print of a symbol whose round lot is 40 is not one.
/// - Warm-up: all `null` before any volume in the window.
/// - Outputs: `block_share`, `odd_lot_share` (fractions of volume), `mean_trade_size` (shares).
public struct TradeSizeProfileAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 30) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "TradeSizeProfile" }
    public var summary: String { "Block (≥10,000) and odd-lot (condition 37) shares of volume and mean trade size over \(lookbackMinutes) min" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["block_share", "odd_lot_share", "mean_trade_size"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var profile = TradeSizeProfile(blockSize: Self.blockSize, roundLot: 100)
        for trade in try context.trades() where trade.eligibility.updatesVolume {
            profile.add(size: trade.size, isOddLot: trade.conditions.contains(TradeConditionTable.oddLot))
        }
        return [profile.blockShare, profile.oddLotShare, profile.meanTradeSize]
    }
}

extension TradeSizeProfileAdapter: OnePassAdapter {
    /// Volumes and counts need no state: an entry's sums are a prefix difference (``WindowSums``).
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        try WindowSums(day, quotes: false, initial: Stateless(), step: Self.step).reader { lanes in
            guard lanes[1] > 0 else { return [nil, nil, nil] }
            return [lanes[2] / lanes[1], lanes[3] / lanes[1], lanes[1] / lanes[0]]
        }
    }

    /// Shares in a block trade.
    static let blockSize = 10_000.0

    /// No running state: every window meets the day's at its first trade.
    private struct Stateless: Hashable, Sendable {}

    /// Lanes: trades, volume, block volume, odd-lot volume (trades that count towards volume, size > 0).
    private static let step: WindowSums<Stateless>.Step = { _, event in
        guard case .trade(let trade) = event, trade.eligibility.updatesVolume, trade.size > 0 else { return .zero }
        let block = trade.size >= blockSize ? trade.size : 0
        let odd = trade.conditions.contains(TradeConditionTable.oddLot) ? trade.size : 0
        return SIMD8(1, trade.size, block, odd, 0, 0, 0, 0)
    }
}
