import Backtest
import Calculations
import MarketData

/// NBBO depth imbalance `(bidSize − askSize) / (bidSize + askSize)` (``QuoteImbalance``): last and
/// time-weighted.
///
/// - Data: quotes of the last `lookbackMinutes` (default 5), in SIP-time order.
/// - Conventions: time weighting from the first quote in the window to E, as `QuotedSpread`; crossed,
///   one-sided or zero-depth quotes interrupt it.
/// - Warm-up: `last` is `null` when the quote in force at E is unusable or none is in the window;
///   `mean` is `null` until a usable quote held for some time.
/// - Outputs: `last`, `mean` (−1…+1, +1 = all depth on the bid).
public struct QuoteImbalanceAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 5) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "QuoteImbalance" }
    public var summary: String { "NBBO size imbalance (bid − ask)/(bid + ask) over \(lookbackMinutes) min: last and time-weighted mean" }
    public var requirements: [DataRequirement] { [.quotes(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["last", "mean"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var imbalance = QuoteImbalance()
        for quote in try context.quotes() { imbalance.add(quote.quote) }
        return [imbalance.last, imbalance.timeWeightedMean(asOf: context.entry)]
    }
}

extension QuoteImbalanceAdapter: OnePassAdapter {
    /// The pass keeps exact prefix sums of each quote's time-weighted term, which runs to the next quote
    /// (``ExactPrefixSums``); a window adds those of its quotes but the last, whose term runs to E.
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        let quotes = try day.quoteColumns()
        let sums = ExactPrefixSums(count: quotes.count, lanes: 2) { index in
            guard index + 1 < quotes.count else { return .zero }
            return Self.terms(quotes, index, until: quotes.times[index + 1])
        }
        return Reader(quotes: quotes, sums: sums)
    }

    /// Lanes: imbalance × duration, duration, for quote `index` holding until `end`.
    private static func terms(_ quotes: QuoteColumns, _ index: Int, until end: Int64) -> ExactPrefixSums.Terms {
        let start = quotes.times[index]
        guard end > start, let imbalance = imbalance(quotes, index) else { return .zero }
        var terms = ExactPrefixSums.Terms.zero
        terms[0] = TimeWeightedMean.term(imbalance, from: start, to: end)
        terms[1] = Double(end - start)
        return terms
    }

    private static func imbalance(_ quotes: QuoteColumns, _ index: Int) -> Double? {
        QuoteImbalance.imbalance(
            bidPrice: quotes.bidPrices[index], bidSize: quotes.bidSizes[index], askPrice: quotes.askPrices[index], askSize: quotes.askSizes[index])
    }

    private struct Reader: EntryReader {
        let quotes: QuoteColumns
        let sums: ExactPrefixSums

        func outputs(_ context: EntryContext) throws -> [Double?] {
            let window = try context.quotes()
            guard !window.isEmpty else { return [nil, nil] }
            let last = window.dayOffset + window.count - 1
            var sums = sums.sums(window.dayOffset..<last)
            let lastTerms = QuoteImbalanceAdapter.terms(quotes, last, until: context.entry.nanoseconds)
            for lane in sums.indices { sums[lane].add(lastTerms[lane]) }
            let elapsed = sums[1].value
            return [QuoteImbalanceAdapter.imbalance(quotes, last), elapsed > 0 ? sums[0].value / elapsed : nil]
        }
    }
}
