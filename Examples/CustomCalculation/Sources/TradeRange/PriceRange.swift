/// The high-low range of prices, in basis points of its midpoint: `10⁴ × (high − low) / ((high + low) / 2)`.
///
/// A kernel: values in, values out, no time source, no I/O and no knowledge of the engine, so it can be
/// checked against a hand-worked example. `nil` until a price has been added (never a made-up number).
public struct PriceRange: Sendable, Hashable {
    public private(set) var high: Double?
    public private(set) var low: Double?
    /// Prices added.
    public private(set) var count = 0

    public init() {}

    /// Adds one price.
    public mutating func add(_ price: Double) {
        high = max(high ?? price, price)
        low = min(low ?? price, price)
        count += 1
    }

    /// The range in basis points of the midpoint; `nil` before any price or when the midpoint is 0.
    public var basisPoints: Double? {
        guard let high, let low, high + low != 0 else { return nil }
        return 10_000 * (high - low) / ((high + low) / 2)
    }
}
