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
