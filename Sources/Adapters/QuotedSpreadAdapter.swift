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
    /// The time-weighted means come from exact prefix sums of each quote's term, which runs to the next
    /// quote (``ExactPrefixSums``; a window's last quote runs to E). The medians are the window's, unusable
    /// quotes left out, as the kernel's heaps keep them: for many entries from a ``RangeSelection`` of the
    /// day's spreads (built once, O(log σ) per entry, about 30 bytes a quote), for a few by selection from
    /// each window's spreads (O(window) per entry, nothing kept). Both give the same values.
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        let quotes = try day.quoteColumns()
        let sums = ExactPrefixSums(count: quotes.count, lanes: 3) { index in
            guard index + 1 < quotes.count else { return .zero }
            return Self.terms(quotes, index, until: quotes.times[index + 1])
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

    /// Lanes: cents × duration, basis points × duration, duration, for quote `index` holding until `end`.
    private static func terms(_ quotes: QuoteColumns, _ index: Int, until end: Int64) -> ExactPrefixSums.Terms {
        let start = quotes.times[index]
        guard end > start, let spread = spread(quotes, index) else { return .zero }
        var terms = ExactPrefixSums.Terms.zero
        terms[0] = TimeWeightedMean.term(spread.cents, from: start, to: end)
        terms[1] = TimeWeightedMean.term(spread.basisPoints, from: start, to: end)
        terms[2] = Double(end - start)
        return terms
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
        let sums: ExactPrefixSums
        let medians: Medians

        func outputs(_ context: EntryContext) throws -> [Double?] {
            let window = try context.quotes()
            let range = window.dayOffset..<(window.dayOffset + window.count)
            guard let medians = medians.medians(quotes, range) else { return [nil, nil, nil, nil, nil, nil] }
            let last = range.upperBound - 1
            var sums = sums.sums(range.lowerBound..<last)
            let lastTerms = QuotedSpreadAdapter.terms(quotes, last, until: context.entry.nanoseconds)
            for lane in sums.indices { sums[lane].add(lastTerms[lane]) }
            let elapsed = sums[2].value
            let lastSpread = QuotedSpreadAdapter.spread(quotes, last)
            return [
                elapsed > 0 ? sums[0].value / elapsed : nil, elapsed > 0 ? sums[1].value / elapsed : nil, medians.cents, medians.basisPoints,
                lastSpread?.cents, lastSpread?.basisPoints,
            ]
        }
    }
}
