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
    /// The time-weighted mean from exact prefix sums (``TimeWeightedSums``); `last` is the window's last
    /// quote.
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        let quotes = try day.quoteColumns()
        let sums = TimeWeightedSums(quotes, lanes: 1) { quotes, index in Self.imbalance(quotes, index).map { ExactPrefixSums.Terms(repeating: $0) } }
        return Reader(quotes: quotes, sums: sums)
    }

    private static func imbalance(_ quotes: QuoteColumns, _ index: Int) -> Double? {
        QuoteImbalance.imbalance(
            bidPrice: quotes.bidPrices[index], bidSize: quotes.bidSizes[index], askPrice: quotes.askPrices[index], askSize: quotes.askSizes[index])
    }

    private struct Reader: EntryReader {
        let quotes: QuoteColumns
        let sums: TimeWeightedSums

        func outputs(_ context: EntryContext) throws -> [Double?] {
            let window = try context.quotes()
            guard !window.isEmpty else { return [nil, nil] }
            let range = window.dayOffset..<(window.dayOffset + window.count)
            return [QuoteImbalanceAdapter.imbalance(quotes, range.upperBound - 1)] + sums.means(range, until: context.entry.nanoseconds)
        }
    }
}
