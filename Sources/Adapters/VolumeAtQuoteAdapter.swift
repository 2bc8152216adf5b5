import Backtest
import Calculations
import MarketData

/// Share of volume traded at the bid, at the ask and inside the spread (``VolumeAtQuote``).
///
/// - Data: trades and quotes of the last `lookbackMinutes` (default 15), fed in merged-stream order
///   (quotes before trades at equal SIP times).
/// - Conventions: trades whose price is current (`updatesOpenClose`); at the ask means `p ≥ ask`, at the
///   bid `p ≤ bid`, inside otherwise; a trade at a locked quote's price, with no usable quote yet in the
///   window, or under a crossed/one-sided quote is unclassified. Shares are of the classified volume.
/// - Warm-up: shares are `null` before any classified volume; `unclassified_volume` is `null` only when
///   the window holds no eligible trade.
/// - Outputs: `bid_share`, `ask_share`, `inside_share` (fractions summing to 1), `unclassified_volume`
///   (shares).
public struct VolumeAtQuoteAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 15) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "VolumeAtQuote" }
    public var summary: String { "Shares of volume at the bid, at the ask and inside the NBBO over \(lookbackMinutes) min" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(lookbackMinutes)), .quotes(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["bid_share", "ask_share", "inside_share", "unclassified_volume"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var stream = try context.events(quotes: true, trades: true)
        var atQuote = VolumeAtQuote()
        var trades = 0
        while let event = try stream.next() {
            switch event {
            case .quote(let quote): atQuote.add(quote.quote)
            case .trade(let trade) where trade.eligibility.updatesOpenClose && trade.size > 0:
                trades += 1
                atQuote.add(price: trade.price, size: trade.size)
            case .trade, .barClose: break
            }
        }
        return [atQuote.bidShare, atQuote.askShare, atQuote.insideShare, trades > 0 ? atQuote.unclassifiedVolume : nil]
    }
}

extension VolumeAtQuoteAdapter: OnePassAdapter {
    /// Trades classified against the prevailing quote over the day's stream once; an entry's volumes are
    /// a prefix difference after its window's first quote (``WindowSums``).
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        try WindowSums(day, quotes: true, initial: Prevailing(), step: Self.step).reader { lanes in
            let classified = lanes[0] + lanes[1] + lanes[2]
            let share = { (volume: Double) -> Double? in classified > 0 ? volume / classified : nil }
            return [share(lanes[0]), share(lanes[1]), share(lanes[2]), lanes[4] > 0 ? lanes[3] : nil]
        }
    }

    /// The quote in force, as ``VolumeAtQuote`` keeps it.
    private struct Prevailing: Hashable, Sendable {
        var bid = 0.0
        var ask = 0.0
        var isUsable = false
    }

    /// Lanes: bid, ask, inside, unclassified volume, trades counted.
    private static let step: WindowSums<Prevailing>.Step = { quote, event in
        switch event {
        case .quote(let record):
            quote = Prevailing(
                bid: record.bidPrice, ask: record.askPrice,
                isUsable: record.bidPrice > 0 && record.askPrice > 0 && record.bidPrice <= record.askPrice)
        case .trade(let trade) where trade.eligibility.updatesOpenClose && trade.size > 0:
            var lanes = WindowSums<Prevailing>.Sums.zero
            lanes[4] = 1
            if !quote.isUsable || (quote.bid == quote.ask && trade.price == quote.bid) {
                lanes[3] = trade.size
            } else if trade.price >= quote.ask {
                lanes[1] = trade.size
            } else if trade.price <= quote.bid {
                lanes[0] = trade.size
            } else {
                lanes[2] = trade.size
            }
            return lanes
        case .trade, .barClose:
            break
        }
        return .zero
    }
}
