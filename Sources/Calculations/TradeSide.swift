/// Which side initiated a trade, as inferred by a classification rule.
public enum TradeSide: Int8, Sendable, Hashable, CustomStringConvertible {
    /// Seller-initiated (at or below the bid side, or on a downtick).
    case sell = -1
    /// Not classifiable: no usable quote and no earlier different price.
    case unknown = 0
    /// Buyer-initiated (at or above the ask side, or on an uptick).
    case buy = 1

    /// `+1`, `0` or `-1`: the sign to apply to the trade's size for a signed volume.
    public var sign: Double { Double(rawValue) }

    public var description: String {
        switch self {
        case .sell: "sell"
        case .unknown: "unknown"
        case .buy: "buy"
        }
    }
}
