import MarketData

/// Session volume-weighted average price, and a price's distance from it.
///
/// Formula: `VWAP = Σ pᵢ·vᵢ / Σ vᵢ`. From 1-minute bars, `pᵢ` is the bar's own `vwap` when the source
/// sent one, otherwise its typical price `(high + low + close) / 3`, and `vᵢ` its volume; from trades,
/// the price and size of trades whose ``BarEligibility/updatesVolume`` is true (the same trades a bar's
/// `vw` counts). The session is whatever the caller feeds between ``reset()`` calls (the adapter starts
/// it at the regular open). Warm-up: `nil` until some volume was seen. Units: dollars.
public struct SessionVWAP: Sendable, Hashable {
    /// A price's distance from the VWAP.
    public struct Distance: Sendable, Hashable {
        /// `price − VWAP`, dollars.
        public var dollars: Double
        /// `(price − VWAP) / VWAP × 10⁴`, basis points.
        public var basisPoints: Double
    }

    /// Shares seen this session.
    public private(set) var volume = 0.0
    /// `Σ price × volume`, dollars.
    public private(set) var notional = 0.0

    public init() {}

    /// Adds volume traded at a price; non-positive volume is ignored.
    public mutating func add(price: Double, volume: Double) {
        guard volume > 0 else { return }
        self.volume += volume
        notional += price * volume
    }

    /// Adds a closed bar: its `vwap`, or its typical price when it has none, times its volume.
    public mutating func add(_ bar: Bar) {
        add(price: bar.vwap ?? (bar.high + bar.low + bar.close) / 3, volume: bar.volume)
    }

    /// Adds a trade if its conditions let it count towards volume.
    public mutating func add(_ trade: Trade) {
        guard trade.barEligibility.updatesVolume else { return }
        add(price: trade.price, volume: trade.size)
    }

    /// The session VWAP, `nil` before any volume.
    public var value: Double? {
        volume > 0 ? notional / volume : nil
    }

    /// How far `price` is from the VWAP, `nil` before any volume.
    public func distance(from price: Double) -> Distance? {
        guard let vwap = value, vwap != 0 else { return nil }
        return Distance(dollars: price - vwap, basisPoints: (price - vwap) / vwap * 10_000)
    }

    /// Starts a new session.
    public mutating func reset() {
        volume = 0
        notional = 0
    }
}
