import MarketData

/// Share of volume traded at the bid, at the ask and inside the spread, against the prevailing quote.
///
/// With the prevailing quote (the newest fed before the trade; at equal timestamps the engine feeds
/// quotes first) usable — both prices positive, bid ≤ ask:
/// - at the ask: `price ≥ ask` (through the ask counts here too),
/// - at the bid: `price ≤ bid` (through the bid too),
/// - inside: `bid < price < ask`.
/// At a locked quote a trade at the locked price is neither side: it is unclassified, as are trades
/// without a usable quote (none yet, crossed, one-sided). Trades count when their price is current and
/// their size positive (``BarEligibility/updatesOpenClose``, as in ``EffectiveSpread``). Shares are
/// fractions of the classified volume, so they sum to 1; ``unclassifiedVolume`` is reported apart.
/// Warm-up: shares are `nil` before any classified volume. Units: fractions 0…1, shares.
public struct VolumeAtQuote: Sendable, Hashable {
    private var quote = PrevailingQuote()
    public private(set) var bidVolume = 0.0
    public private(set) var askVolume = 0.0
    public private(set) var insideVolume = 0.0
    public private(set) var unclassifiedVolume = 0.0

    public init() {}

    /// Adds a quote; it prevails for the trades that follow.
    public mutating func add(_ quote: Quote) {
        self.quote.update(quote)
    }

    /// Adds a trade if its price is current.
    public mutating func add(_ trade: Trade) {
        guard trade.barEligibility.updatesOpenClose else { return }
        add(price: trade.price, size: trade.size)
    }

    /// Adds an eligible trade given by price and size.
    public mutating func add(price: Double, size: Double) {
        guard size > 0 else { return }
        guard quote.isUsable else {
            unclassifiedVolume += size
            return
        }
        if quote.bid == quote.ask, price == quote.bid {
            unclassifiedVolume += size
        } else if price >= quote.ask {
            askVolume += size
        } else if price <= quote.bid {
            bidVolume += size
        } else {
            insideVolume += size
        }
    }

    private var classifiedVolume: Double { bidVolume + askVolume + insideVolume }

    public var bidShare: Double? { classifiedVolume > 0 ? bidVolume / classifiedVolume : nil }
    public var askShare: Double? { classifiedVolume > 0 ? askVolume / classifiedVolume : nil }
    public var insideShare: Double? { classifiedVolume > 0 ? insideVolume / classifiedVolume : nil }
}
