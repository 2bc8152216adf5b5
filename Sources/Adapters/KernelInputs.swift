import Backtest
import MarketData

// Conversions from the engine's records (what views yield) to the MarketData values the kernels take.
// Kernels are written against `Bar` and `Quote`; the engine hands adapters lighter records. These are
// field-for-field copies: nothing is rounded, guessed or filled in. Public, so that an adapter of one's
// own can feed the kernels of `Calculations` the same way (docs/WRITING-ADAPTERS.md).

extension BarRecord {
    /// The bar as the kernels take it (vwap and transactions stay `nil` when the source left them off).
    public var bar: Bar {
        Bar(start: start, timeframe: timeframe, open: open, high: high, low: low, close: close, volume: volume, vwap: vwap, transactions: transactions)
    }
}

extension QuoteRecord {
    /// The NBBO update as the kernels take it, exchanges included; conditions and indicators are not
    /// carried by the engine's columns and no quote kernel reads them.
    public var quote: Quote {
        Quote(
            sipTimestamp: time, bidPrice: bidPrice, bidSize: bidSize, bidExchange: bidExchange, askPrice: askPrice, askSize: askSize,
            askExchange: askExchange, sequenceNumber: sequenceNumber)
    }
}

/// The entry day's regular session, as the session-anchored adapters use it.
enum EntrySession {
    /// The regular session (09:30 to the close, early closes honoured) of the New York day of `entry`.
    static func regular(of entry: Timestamp) throws -> TradingSessions {
        try SessionCalendar.nyse.sessions(on: NewYorkTime.date(of: entry))
    }
}
