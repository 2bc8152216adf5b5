import Backtest
import Calculations
import MarketData

/// Order-flow imbalance of Cont, Kukanov and Stoikov (2014) over the NBBO updates of the window
/// (``OrderFlowImbalance``).
///
/// - Data: quotes of the last `lookbackMinutes` (default 5), in SIP-time order; the first quote in the
///   window is only a reference (the one before it is not visible), and a crossed or one-sided quote
///   breaks the chain.
/// - Warm-up: `null` until two consecutive usable quotes are in the window.
/// - Outputs: `ofi` (round lots, positive = buying pressure), `ofi_normalized` (OFI / mean depth
///   `(bidSize + askSize) / 2`), `events` (number of terms summed).
public struct OrderFlowImbalanceAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 5) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "OFI" }
    public var summary: String { "Order-flow imbalance (Cont-Kukanov-Stoikov 2014) over \(lookbackMinutes) min of NBBO updates, raw and depth-normalized" }
    public var requirements: [DataRequirement] { [.quotes(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["ofi", "ofi_normalized", "events"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var ofi = OrderFlowImbalance()
        for quote in try context.quotes() { ofi.add(quote.quote) }
        guard let value = ofi.value else { return [nil, nil, nil] }
        return [value, ofi.normalized, Double(ofi.eventCount)]
    }
}

extension OrderFlowImbalanceAdapter: OnePassAdapter {
    /// The pass keeps exact prefix sums of each quote's terms (``ExactPrefixSums``). A window's first
    /// quote has no visible predecessor, so it only adds its depth; every later quote adds what it adds
    /// in the day, since its predecessor is in the window too.
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        let quotes = try day.quoteColumns()
        let sums = ExactPrefixSums(count: quotes.count, lanes: 4) { Self.terms(quotes, $0, first: $0 == 0) }
        return Reader(quotes: quotes, sums: sums)
    }

    /// Lanes: Σ eₙ, events, Σ depth, usable quotes; `first`: the quote has no predecessor.
    private static func terms(_ quotes: QuoteColumns, _ index: Int, first: Bool) -> ExactPrefixSums.Terms {
        guard let top = top(quotes, index) else { return .zero }
        var terms = ExactPrefixSums.Terms.zero
        terms[2] = top.depth
        terms[3] = 1
        if !first, let previous = self.top(quotes, index - 1) {
            terms[0] = OrderFlowImbalance.flow(from: previous, to: top)
            terms[1] = 1
        }
        return terms
    }

    private static func top(_ quotes: QuoteColumns, _ index: Int) -> OrderFlowImbalance.Top? {
        OrderFlowImbalance.Top(
            usable: quotes.bidPrices[index], bidSize: quotes.bidSizes[index], ask: quotes.askPrices[index], askSize: quotes.askSizes[index])
    }

    private struct Reader: EntryReader {
        let quotes: QuoteColumns
        let sums: ExactPrefixSums

        func outputs(_ context: EntryContext) throws -> [Double?] {
            let window = try context.quotes()
            let first = window.dayOffset
            guard !window.isEmpty else { return [nil, nil, nil] }
            var sums = sums.sums((first + 1)..<(first + window.count))
            let firstTerms = OrderFlowImbalanceAdapter.terms(quotes, first, first: true)
            for lane in sums.indices { sums[lane].add(firstTerms[lane]) }
            let events = Int(sums[1].value)
            guard events > 0 else { return [nil, nil, nil] }
            let normalized = OrderFlowImbalance.normalized(sum: sums[0], eventCount: events, depthSum: sums[2], depthCount: Int(sums[3].value))
            return [sums[0].value, normalized, Double(events)]
        }
    }
}
