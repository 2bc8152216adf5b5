import Backtest
import Calculations
import MarketData

/// Quoted NBBO spread (``QuotedSpread``): time-weighted mean, median and last, in cents and basis points
/// of the mid.
///
/// - Data: quotes of the last `lookbackMinutes` (default 5), in SIP-time order.
/// - Conventions: time weighting runs from the first quote in the window to E (the quote in force at the
///   window's start is not visible, so the time before the first quote in the window is not counted);
///   time under crossed or one-sided quotes is left out; the median counts each usable quote update once;
///   `last` is the quote in force at E (`null` if it is crossed or one-sided).
/// - Warm-up: all `null` before a usable quote in the window.
/// - Outputs: `mean_cents`, `mean_bps` (time-weighted), `median_cents`, `median_bps`, `last_cents`,
///   `last_bps`.
public struct QuotedSpreadAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 5) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "QuotedSpread" }
    public var summary: String { "NBBO spread over \(lookbackMinutes) min: time-weighted mean, median, last (cents, bps of mid)" }
    public var requirements: [DataRequirement] { [.quotes(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["mean_cents", "mean_bps", "median_cents", "median_bps", "last_cents", "last_bps"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let quotes = try context.quotes()
        var spread = QuotedSpread(expectedQuotes: quotes.count)
        for quote in quotes { spread.add(quote.quote) }
        guard let summary = spread.summary(asOf: context.entry) else { return [nil, nil, nil, nil, nil, nil] }
        return [
            summary.timeWeightedMeanCents, summary.timeWeightedMeanBasisPoints, summary.medianCents, summary.medianBasisPoints,
            summary.lastCents, summary.lastBasisPoints,
        ]
    }
}
