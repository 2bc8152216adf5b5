import Backtest
import Calculations
import MarketData

/// Effective spread `2 |p − mid|` of each trade against the prevailing NBBO (``EffectiveSpread``).
///
/// - Data: trades and quotes of the last `lookbackMinutes` (default 5), fed in merged-stream order
///   (SIP time, then quotes before trades at equal times, then sequence number), so a quote stamped with
///   a trade's own SIP time prevails for it.
/// - Conventions: trades whose price is current (`updatesOpenClose`: no odd lots, Form T, late or
///   average-price prints); a trade before the first quote in the window, or under a crossed/one-sided
///   quote, is unmatched (the quote in force before the window is not visible).
/// - Warm-up: all `null` before a matched trade in the window.
/// - Outputs: `mean_cents`, `vw_mean_cents` (size-weighted), `mean_bps`, `vw_mean_bps` (of the mid),
///   `matched_trades`, `unmatched_trades`.
public struct EffectiveSpreadAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 5) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "EffectiveSpread" }
    public var summary: String { "Effective spread 2|p − mid| over \(lookbackMinutes) min of trades against the prevailing NBBO (cents, bps)" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(lookbackMinutes)), .quotes(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["mean_cents", "vw_mean_cents", "mean_bps", "vw_mean_bps", "matched_trades", "unmatched_trades"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var stream = try context.events(quotes: true, trades: true)
        var spread = EffectiveSpread()
        while let event = try stream.next() {
            switch event {
            case .quote(let quote): spread.add(quote.quote)
            case .trade(let trade) where trade.eligibility.updatesOpenClose: spread.add(price: trade.price, size: trade.size)
            case .trade, .barClose: break
            }
        }
        guard let value = spread.value else { return [nil, nil, nil, nil, nil, nil] }
        return [
            value.meanCents, value.volumeWeightedMeanCents, value.meanBasisPoints, value.volumeWeightedMeanBasisPoints,
            Double(value.matchedTrades), Double(value.unmatchedTrades),
        ]
    }
}

extension EffectiveSpreadAdapter: OnePassAdapter {
    /// The pass finds each trade's prevailing quote in the day and keeps exact prefix sums of what each
    /// trade adds (``ExactPrefixSums``). A window restarts with no quote, so its trades before the
    /// window's first quote are unmatched; from that quote on, every trade has the prevailing quote it
    /// has in the day, and the rest of the window is a prefix difference.
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        let trades = try day.tradeColumns()
        let quotes = try day.quoteColumns()
        var prevailing = [Int32](repeating: -1, count: trades.count)
        var quote = -1
        for index in 0..<trades.count {
            // Quotes come before trades at equal SIP times.
            while quote + 1 < quotes.count, quotes.times[quote + 1] <= trades.times[index] { quote += 1 }
            prevailing[index] = Int32(quote)
        }
        let sums = ExactPrefixSums(count: trades.count, lanes: 7) { [prevailing] index in
            Self.terms(trades, index, quotes: quotes, prevailing: Int(prevailing[index]))
        }
        return Reader(trades: trades, prevailing: prevailing, sums: sums)
    }

    /// Whether a trade counts at all: its price is current and its size positive.
    private static func counts(_ trades: TradeColumns, _ index: Int) -> Bool {
        trades.eligibilityBits[index] & 4 != 0 && trades.sizes[index] > 0
    }

    /// Lanes: matched, unmatched, size, cents, basis points, size × cents, size × basis points.
    private static func terms(_ trades: TradeColumns, _ index: Int, quotes: QuoteColumns, prevailing quote: Int) -> ExactPrefixSums.Terms {
        guard counts(trades, index) else { return .zero }
        var terms = ExactPrefixSums.Terms.zero
        guard quote >= 0, PrevailingQuote.isUsable(bid: quotes.bidPrices[quote], ask: quotes.askPrices[quote]) else {
            terms[1] = 1
            return terms
        }
        let size = trades.sizes[index]
        let spread = EffectiveSpread.terms(price: trades.prices[index], size: size, mid: (quotes.bidPrices[quote] + quotes.askPrices[quote]) / 2)
        terms[0] = 1
        terms[2] = size
        terms[3] = spread.cents
        terms[4] = spread.basisPoints
        terms[5] = spread.sizeWeightedCents
        terms[6] = spread.sizeWeightedBasisPoints
        return terms
    }

    private struct Reader: EntryReader {
        let trades: TradeColumns
        let prevailing: [Int32]
        let sums: ExactPrefixSums

        func outputs(_ context: EntryContext) throws -> [Double?] {
            let window = try context.trades()
            let firstQuote = try context.quotes().dayOffset
            let range = window.dayOffset..<(window.dayOffset + window.count)
            // Trades before the window's first quote (their prevailing quote is older) are unmatched.
            var split = range.lowerBound
            var unmatched = 0
            while split < range.upperBound, prevailing[split] < firstQuote {
                if EffectiveSpreadAdapter.counts(trades, split) { unmatched += 1 }
                split += 1
            }
            let sums = sums.sums(split..<range.upperBound)
            guard
                let value = EffectiveSpread.output(
                    count: Int(sums[0].value), unmatched: Int(sums[1].value) + unmatched, volume: sums[2], cents: sums[3],
                    basisPoints: sums[4], sizeWeightedCents: sums[5], sizeWeightedBasisPoints: sums[6])
            else { return [nil, nil, nil, nil, nil, nil] }
            return [
                value.meanCents, value.volumeWeightedMeanCents, value.meanBasisPoints, value.volumeWeightedMeanBasisPoints,
                Double(value.matchedTrades), Double(value.unmatchedTrades),
            ]
        }
    }
}
