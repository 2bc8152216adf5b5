import MarketData

/// Trade size profile: share of volume in block trades and in odd lots, and the mean trade size.
///
/// Over trades whose conditions let them count towards volume (``BarEligibility/updatesVolume``):
/// a block is a trade of at least `blockSize` shares (default 10,000); an odd lot is a trade carrying the
/// Odd Lot condition (37), which the SIP sets against each symbol's own round lot (since the 2025
/// round-lot reform, fewer than 100 shares for high-priced symbols). Sizes without conditions
/// (``add(size:isOddLot:)``) count as odd lots below `roundLot` (default 100). Shares are volume
/// fractions `blockVolume / volume` and `oddLotVolume / volume`.
/// Warm-up: the shares and the mean are `nil` before any volume. Units: fractions 0…1; shares.
public struct TradeSizeProfile: Sendable, Hashable {
    public let blockSize: Double
    public let roundLot: Double
    /// Trades counted.
    public private(set) var tradeCount = 0
    /// Their volume, shares.
    public private(set) var volume = 0.0
    public private(set) var blockCount = 0
    public private(set) var blockVolume = 0.0
    public private(set) var oddLotCount = 0
    public private(set) var oddLotVolume = 0.0

    public init(blockSize: Double = 10_000, roundLot: Double = 100) {
        self.blockSize = blockSize
        self.roundLot = roundLot
    }

    /// Adds a trade if it counts towards volume.
    public mutating func add(_ trade: Trade) {
        guard trade.barEligibility.updatesVolume else { return }
        add(size: trade.size, isOddLot: trade.conditions?.contains(TradeConditionTable.oddLot) ?? false)
    }

    /// Adds a trade of `size` shares; `isOddLot` defaults to `size < roundLot`.
    public mutating func add(size: Double, isOddLot: Bool? = nil) {
        guard size > 0 else { return }
        tradeCount += 1
        volume += size
        if size >= blockSize {
            blockCount += 1
            blockVolume += size
        }
        if isOddLot ?? (size < roundLot) {
            oddLotCount += 1
            oddLotVolume += size
        }
    }

    /// Fraction of volume in blocks.
    public var blockShare: Double? { volume > 0 ? blockVolume / volume : nil }
    /// Fraction of volume in odd lots.
    public var oddLotShare: Double? { volume > 0 ? oddLotVolume / volume : nil }
    /// Mean shares per trade.
    public var meanTradeSize: Double? { tradeCount > 0 ? volume / Double(tradeCount) : nil }
}
