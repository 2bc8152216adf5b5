import MarketData

/// Volume-weighted average price of the last `count` trades (default 100).
///
/// `VWAP = Σ pᵢ·sᵢ / Σ sᵢ` over the newest `count` trades that count towards volume
/// (``BarEligibility/updatesVolume`` — the trades a bar's `vw` includes) with a positive size; trades at
/// equal timestamps count in the order fed. Warm-up: `nil` until `count` such trades. Units: dollars.
/// O(1) per trade, no allocation after init.
public struct RecentTradesVWAP: Sendable, Hashable {
    public let count: Int
    private var notionals: FixedWindow
    private var sizes: FixedWindow

    public init(count: Int = 100) {
        self.count = count
        notionals = FixedWindow(capacity: count)
        sizes = FixedWindow(capacity: count)
    }

    /// Adds a trade if it counts towards volume.
    public mutating func add(_ trade: Trade) {
        guard trade.barEligibility.updatesVolume else { return }
        add(price: trade.price, size: trade.size)
    }

    /// Adds a trade given by price and size; non-positive sizes are ignored.
    public mutating func add(price: Double, size: Double) {
        guard size > 0 else { return }
        notionals.add(price * size)
        sizes.add(size)
    }

    /// The VWAP of the last `count` trades, `nil` during warm-up.
    public var value: Double? {
        guard sizes.isFull, sizes.sum > 0 else { return nil }
        return notionals.sum / sizes.sum
    }
}
