import Backtest
import Calculations
import MarketData

/// Cumulative delta: buy minus sell volume, trades signed by Lee-Ready against the prevailing NBBO.
///
/// - Parameters: lookback in minutes (default 30) for both trades and quotes.
/// - Stream: quotes and trades merged by (SIP time, rank, sequence number): at equal SIP time quotes come
///   first, so a quote stamped with a trade's time is that trade's prevailing quote.
/// - Classification (``LeeReadyClassifier``): above the midpoint of a usable quote → buy, below → sell;
///   at the midpoint, or with no usable quote (none yet in the window, one-sided, or crossed), the tick
///   test against earlier trades in the window. A locked quote is usable (midpoint = the locked price).
/// - Eligibility: only trades that count towards consolidated volume (``TradeConditionTable``) are
///   classified and summed; only trades that may set a bar's last or high/low move the tick reference
///   (odd lots and Form T prints are counted, but do not set the reference price).
/// - Warm-up: all outputs are `null` when the window holds no eligible trade.
/// - Outputs: `delta` (buy − sell volume), `buy_volume`, `sell_volume`, `unclassified_volume`,
///   `quote_rule_share` (share of classified volume decided by the quote rule).
public struct CumDeltaAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 30) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "CumDelta" }
    public var summary: String { "Cumulative delta over \(lookbackMinutes) min: Lee-Ready signed volume (quote rule, tick test at the midpoint)" }
    public var requirements: [DataRequirement] {
        [.trades(lookback: .minutes(lookbackMinutes)), .quotes(lookback: .minutes(lookbackMinutes))]
    }
    public var outputs: [String] { ["delta", "buy_volume", "sell_volume", "unclassified_volume", "quote_rule_share"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var stream = try context.events(quotes: true, trades: true)
        var classifier = LeeReadyClassifier()
        var buy = 0.0
        var sell = 0.0
        var unknown = 0.0
        var byQuote = 0.0
        var trades = 0
        while let event = try stream.next() {
            switch event {
            case .quote(let quote):
                classifier.updateQuote(bid: quote.bidPrice, ask: quote.askPrice)
            case .trade(let trade):
                guard trade.eligibility.updatesVolume else { continue }
                trades += 1
                let (side, rule) = classifier.classify(price: trade.price, updatesReference: trade.setsReferencePrice)
                switch side {
                case .buy: buy += trade.size
                case .sell: sell += trade.size
                case .unknown: unknown += trade.size
                }
                if side != .unknown, rule == .quote { byQuote += trade.size }
            case .barClose:
                break
            }
        }
        guard trades > 0 else { return [nil, nil, nil, nil, nil] }
        let classified = buy + sell
        return [buy - sell, buy, sell, unknown, classified > 0 ? byQuote / classified : nil]
    }
}

extension CumDeltaAdapter: OnePassAdapter {
    /// Lee-Ready over the day's stream once; an entry's sums are a prefix difference after its window's
    /// classifier has caught up with the day's (``WindowSums``).
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        try WindowSums(day, quotes: true, initial: LeeReadyClassifier(), step: Self.step).reader { lanes in
            guard lanes[4] > 0 else { return [nil, nil, nil, nil, nil] }
            let classified = lanes[0] + lanes[1]
            return [lanes[0] - lanes[1], lanes[0], lanes[1], lanes[2], classified > 0 ? lanes[3] / classified : nil]
        }
    }

    /// Lanes: buy, sell, unclassified volume, volume decided by the quote rule, eligible trades.
    private static let step: WindowSums<LeeReadyClassifier>.Step = { classifier, event in
        switch event {
        case .quote(let quote):
            classifier.updateQuote(bid: quote.bidPrice, ask: quote.askPrice)
        case .trade(let trade) where trade.eligibility.updatesVolume:
            let (side, rule) = classifier.classify(price: trade.price, updatesReference: trade.setsReferencePrice)
            var lanes = SIMD8<Double>.zero
            lanes[side == .buy ? 0 : side == .sell ? 1 : 2] = trade.size
            if side != .unknown, rule == .quote { lanes[3] = trade.size }
            lanes[4] = 1
            return lanes
        case .trade, .barClose:
            break
        }
        return .zero
    }
}
