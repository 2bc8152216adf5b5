/// Counts and volumes of upticks and downticks by the tick test (``TickTest``), and their ratio.
///
/// Zero ticks take the direction of the last non-zero tick; trades before a direction is known are
/// counted as unclassified. Pure: values in, values out.
public struct TickFlowAccumulator: Sendable, Hashable {
    public private(set) var upticks = 0
    public private(set) var downticks = 0
    public private(set) var uptickVolume = 0.0
    public private(set) var downtickVolume = 0.0
    /// Trades added, classified or not.
    public private(set) var trades = 0
    public private(set) var tickTest = TickTest()

    public init() {}

    /// Adds a trade; `updatesReference` says whether its price may become the tick reference.
    public mutating func add(price: Double, size: Double, updatesReference: Bool = true) {
        trades += 1
        switch tickTest.classify(price) {
        case .buy:
            upticks += 1
            uptickVolume += size
        case .sell:
            downticks += 1
            downtickVolume += size
        case .unknown:
            break
        }
        if updatesReference { tickTest.observe(price) }
    }

    /// Uptick volume over downtick volume, `nil` when there is no downtick volume (undefined, not ∞).
    public var volumeRatio: Double? { downtickVolume > 0 ? uptickVolume / downtickVolume : nil }
}
