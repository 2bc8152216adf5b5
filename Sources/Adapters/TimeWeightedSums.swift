import Backtest
import Calculations
import MarketData

/// Exact time-weighted sums of per-quote values over an entry's window, from one pass: each quote's values
/// hold from its SIP time to the next quote's, and a window's last quote holds until E, as
/// ``TimeWeightedMean`` weighs them per entry (an unusable quote, or a quote superseded at the same
/// instant, adds nothing). The pass keeps exact prefix sums (``ExactPrefixSums``) of each quote's terms;
/// a window is a prefix difference plus its last quote's term.
struct TimeWeightedSums: Sendable {
    /// Lanes `0..<lanes` hold value × duration, lane `lanes` the duration.
    let lanes: Int
    private let quotes: QuoteColumns
    private let values: @Sendable (QuoteColumns, Int) -> ExactPrefixSums.Terms?
    private let sums: ExactPrefixSums

    /// The pass over `quotes`; `values(quotes, i)` gives quote `i`'s `lanes` values, `nil` when unusable.
    init(_ quotes: QuoteColumns, lanes: Int, values: @escaping @Sendable (QuoteColumns, Int) -> ExactPrefixSums.Terms?) {
        precondition(lanes < 8, "a lane is kept for the duration")
        self.lanes = lanes
        self.quotes = quotes
        self.values = values
        sums = ExactPrefixSums(count: quotes.count, lanes: lanes + 1) { index in
            guard index + 1 < quotes.count else { return .zero }
            return Self.terms(quotes, index, until: quotes.times[index + 1], lanes: lanes, values: values)
        }
    }

    /// The sums over quotes `window` (day rows, not empty), the last one holding until `end`.
    func sums(_ window: Range<Int>, until end: Int64) -> [ExactSum] {
        let last = window.upperBound - 1
        var sums = sums.sums(window.lowerBound..<last)
        let lastTerms = Self.terms(quotes, last, until: end, lanes: lanes, values: values)
        for lane in sums.indices { sums[lane].add(lastTerms[lane]) }
        return sums
    }

    /// The time-weighted means of the value lanes over `window` until `end`, `nil` where no usable quote
    /// held for any time.
    func means(_ window: Range<Int>, until end: Int64) -> [Double?] {
        let sums = sums(window, until: end)
        let elapsed = sums[lanes].value
        return (0..<lanes).map { elapsed > 0 ? sums[$0].value / elapsed : nil }
    }

    private static func terms(
        _ quotes: QuoteColumns, _ index: Int, until end: Int64, lanes: Int, values: (QuoteColumns, Int) -> ExactPrefixSums.Terms?
    ) -> ExactPrefixSums.Terms {
        let start = quotes.times[index]
        guard end > start, let values = values(quotes, index) else { return .zero }
        var terms = ExactPrefixSums.Terms.zero
        for lane in 0..<lanes { terms[lane] = TimeWeightedMean.term(values[lane], from: start, to: end) }
        terms[lanes] = Double(end - start)
        return terms
    }
}
