import Backtest
import MarketData

/// The adapters TapeDeck knows, by name, in a fixed order.
public enum AdapterRegistry {
    /// Every adapter with its default parameters, in listing order: bars, trades, quotes, then trades with
    /// quotes. `tapedeck backtest` runs all of them unless `--adapters` names some.
    public static let all: [any BacktestAdapter] = [
        // Bars.
        EMAAdapter(name: "M1EMA", timeframe: .minute1),
        EMAAdapter(name: "M1EMA20", timeframe: .minute1, period: 20, lookbackBars: 60),
        EMAAdapter(name: "M5EMA", timeframe: .minute5),
        EMAAdapter(name: "M15EMA", timeframe: .minute15, period: 9, lookback: .sessions(1)),
        SMAAdapter(),
        SessionVWAPAdapter(),
        RSIAdapter(),
        MACDAdapter(),
        BollingerAdapter(),
        ATRAdapter(),
        StochasticAdapter(),
        OBVAdapter(),
        RateOfChangeAdapter(),
        RealizedVolatilityAdapter(),
        OpeningRangeAdapter(),
        PriorSessionAdapter(),
        RelativeVolumeAdapter(),
        TrendAdapter(period: 30),
        TrendAdapter(period: 60),
        AmihudAdapter(),
        // Trades.
        CumDeltaAdapter(),
        TickDeltaAdapter(),
        TickFlowAdapter(),
        TradeIntensityAdapter(),
        TradeSizeProfileAdapter(),
        TradeVWAPAdapter(),
        // Quotes.
        QuotedSpreadAdapter(),
        QuoteImbalanceAdapter(),
        MicropriceAdapter(),
        OrderFlowImbalanceAdapter(),
        // Trades and quotes.
        EffectiveSpreadAdapter(),
        VolumeAtQuoteAdapter(),
        KyleLambdaAdapter(),
    ]

    /// Names in listing order.
    public static var names: [String] { all.map(\.name) }

    /// The adapter called `name` (exact spelling), or an error listing the known ones.
    public static func adapter(named name: String) throws(TapeDeckError) -> any BacktestAdapter {
        guard let adapter = all.first(where: { $0.name == name }) else { throw .unknownAdapter(name, known: names) }
        return adapter
    }

    /// Adapters for a comma-separated list such as `M1EMA,CumDelta`, in the list's order, without
    /// duplicates; `nil` or empty means all registered ones. Names in `extra` (the leaky demos, say) are
    /// accepted when named but never part of "all"; an unknown name lists every accepted one.
    public static func adapters(parsing list: String?, alsoAccepting extra: [any BacktestAdapter] = [])
        throws(TapeDeckError) -> [any BacktestAdapter]
    {
        guard let list, !list.isEmpty else { return all }
        var chosen: [any BacktestAdapter] = []
        for part in list.split(separator: ",") {
            let name = part.trimmingCharacters(in: " ")
            if chosen.contains(where: { $0.name == name }) { continue }
            guard let adapter = all.first(where: { $0.name == name }) ?? extra.first(where: { $0.name == name }) else {
                throw .unknownAdapter(name, known: names + extra.map(\.name))
            }
            chosen.append(adapter)
        }
        return chosen
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop(while: { $0 == character }).reversed().drop(while: { $0 == character }).reversed())
    }
}
