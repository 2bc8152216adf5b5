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

extension QuotedSpreadAdapter: OnePassAdapter {
    /// The time-weighted means come from exact prefix sums (``TimeWeightedSums``). The medians are the window's, unusable
    /// quotes left out, as the kernel's heaps keep them: for many entries from a ``RangeSelection`` of the
    /// day's spreads (built once, O(log σ) per entry, about 30 bytes a quote), for a few by selection from
    /// each window's spreads (O(window) per entry, nothing kept). Both give the same values.
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        let quotes = try day.quoteColumns()
        let sums = TimeWeightedSums(quotes, lanes: 2) { quotes, index in
            Self.spread(quotes, index).map { ExactPrefixSums.Terms($0.cents, $0.basisPoints, 0, 0, 0, 0, 0, 0) }
        }
        // The windows' quotes add up to about entries × lookback / 16 h of the day's; ranging pays off
        // once that is ten days' worth.
        let medians: Medians =
            day.entryCount * lookbackMinutes >= 10 * 16 * 60
            ? .ranged(
                cents: RangeSelection(count: quotes.count) { Self.spread(quotes, $0)?.cents },
                basisPoints: RangeSelection(count: quotes.count) { Self.spread(quotes, $0)?.basisPoints })
            : .selected
        return Reader(quotes: quotes, sums: sums, medians: medians)
    }

    private static func spread(_ quotes: QuoteColumns, _ index: Int) -> (cents: Double, basisPoints: Double)? {
        QuotedSpread.spread(bid: quotes.bidPrices[index], ask: quotes.askPrices[index])
    }

    /// Where a window's medians come from.
    private enum Medians: Sendable {
        case ranged(cents: RangeSelection, basisPoints: RangeSelection)
        case selected

        func medians(_ quotes: QuoteColumns, _ range: Range<Int>) -> (cents: Double, basisPoints: Double)? {
            switch self {
            case .ranged(let cents, let basisPoints):
                guard let centsMedian = cents.median(in: range), let basisPointsMedian = basisPoints.median(in: range) else { return nil }
                return (centsMedian, basisPointsMedian)
            case .selected:
                var cents: [Double] = []
                var basisPoints: [Double] = []
                cents.reserveCapacity(range.count)
                basisPoints.reserveCapacity(range.count)
                for index in range {
                    guard let spread = QuotedSpreadAdapter.spread(quotes, index) else { continue }
                    cents.append(spread.cents)
                    basisPoints.append(spread.basisPoints)
                }
                guard let centsMedian = QuotedSpread.median(selectingIn: &cents),
                    let basisPointsMedian = QuotedSpread.median(selectingIn: &basisPoints)
                else { return nil }
                return (centsMedian, basisPointsMedian)
            }
        }
    }

    private struct Reader: EntryReader {
        let quotes: QuoteColumns
        let sums: TimeWeightedSums
        let medians: Medians

        func outputs(_ context: EntryContext) throws -> [Double?] {
            let window = try context.quotes()
            let range = window.dayOffset..<(window.dayOffset + window.count)
            guard let medians = medians.medians(quotes, range) else { return [nil, nil, nil, nil, nil, nil] }
            let means = sums.means(range, until: context.entry.nanoseconds)
            let last = QuotedSpreadAdapter.spread(quotes, range.upperBound - 1)
            return [means[0], means[1], medians.cents, medians.basisPoints, last?.cents, last?.basisPoints]
        }
    }
}
