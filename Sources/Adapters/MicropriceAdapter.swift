import Backtest
import Calculations
import MarketData

/// Microprice of the quote in force at E, and its distance from the mid (``Microprice``).
///
/// - Data: quotes of the last `lookbackMinutes` (default 5); only the newest is used (a quote older than
///   the window is not visible, so a symbol whose NBBO did not change for that long gives `null`).
/// - Warm-up: all `null` when no quote is in the window or the newest is unusable (crossed, one-sided,
///   no depth); `distance_half_spreads` is `null` for a locked quote.
/// - Outputs: `microprice`, `mid`, `distance` (microprice − mid, dollars), `distance_bps` (of the mid),
///   `distance_half_spreads` (−1…+1).
public struct MicropriceAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 5) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "Microprice" }
    public var summary: String { "Size-weighted mid of the NBBO in force at entry and its distance from the mid" }
    public var requirements: [DataRequirement] { [.quotes(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["microprice", "mid", "distance", "distance_bps", "distance_half_spreads"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var microprice = Microprice()
        if let newest = try context.quotes().last { microprice.add(newest.quote) }
        guard let value = microprice.value else { return [nil, nil, nil, nil, nil] }
        return [value.microprice, value.mid, value.distance, value.distanceBasisPoints, value.distanceInHalfSpreads]
    }
}
