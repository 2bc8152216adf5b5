import Backtest
import MarketData

/// The adapters a `tapedeck` command knows, by name, in a fixed order: TapeDeck's own
/// (``builtIn``), plus any a user's package adds (``adding(_:)``) and hands to `TapeDeckCLI.main(registry:)`.
///
/// Every registry keeps the adapter contract (``AdapterContract``): names are unique across registered
/// and demo adapters, and each adapter's outputs are named and distinct, so a column is never ambiguous.
public struct AdapterRegistry: Sendable {
    /// The registered adapters in listing order: what `tapedeck backtest` runs when `--adapters` names none.
    public let adapters: [any BacktestAdapter]
    /// Adapters accepted by name where a command allows demos (`tapedeck audit`), never part of "all":
    /// the deliberately leaky ones (``LeakyDemoAdapters``).
    public let demos: [any BacktestAdapter]

    /// A registry of `adapters` and `demos`; throws ``TapeDeckError/Code/invalidAdapter`` naming the first
    /// adapter whose name is taken or not usable, or whose outputs are not.
    public init(_ adapters: [any BacktestAdapter], demos: [any BacktestAdapter] = []) throws(TapeDeckError) {
        try AdapterContract.check(adapters + demos)
        self.adapters = adapters
        self.demos = demos
    }

    /// TapeDeck's own adapters with their default parameters, in listing order: bars, trades, quotes, then
    /// trades with quotes; the leaky demos as ``demos``
    /// (`RegistryTests` proves they keep the contract; no run pays for checking them again).
    public static let builtIn = AdapterRegistry(checked: builtInAdapters, demos: LeakyDemoAdapters.all)

    /// A registry whose adapters are known to keep the contract.
    private init(checked adapters: [any BacktestAdapter], demos: [any BacktestAdapter]) {
        self.adapters = adapters
        self.demos = demos
    }

    /// This registry with `more` appended to the registered adapters, in their order; throws
    /// ``TapeDeckError/Code/invalidAdapter`` if a name is taken (by a built-in, a demo or another of
    /// `more`) or an adapter's names are not usable.
    public func adding(_ more: [any BacktestAdapter]) throws(TapeDeckError) -> AdapterRegistry {
        try AdapterRegistry(adapters + more, demos: demos)
    }

    /// Registered names in listing order.
    public var names: [String] { adapters.map(\.name) }

    /// The registered adapter called `name` (exact spelling), or an error listing the known ones.
    public func adapter(named name: String) throws(TapeDeckError) -> any BacktestAdapter {
        guard let adapter = adapters.first(where: { $0.name == name }) else { throw .unknownAdapter(name, known: names) }
        return adapter
    }

    /// Adapters for a comma-separated list such as `M1EMA,CumDelta`, in the list's order, without
    /// duplicates; `nil` or empty means all registered ones. With `includingDemos`, the ``demos`` are
    /// accepted when named; an unknown name lists every accepted one.
    public func adapters(parsing list: String?, includingDemos: Bool = false) throws(TapeDeckError) -> [any BacktestAdapter] {
        guard let list, !list.isEmpty else { return adapters }
        let accepted = includingDemos ? adapters + demos : adapters
        var chosen: [any BacktestAdapter] = []
        for part in list.split(separator: ",") {
            let name = part.trimmingCharacters(in: " ")
            if chosen.contains(where: { $0.name == name }) { continue }
            guard let adapter = accepted.first(where: { $0.name == name }) else {
                throw .unknownAdapter(name, known: accepted.map(\.name))
            }
            chosen.append(adapter)
        }
        return chosen
    }

    /// TapeDeck's own adapters, in listing order.
    private static let builtInAdapters: [any BacktestAdapter] = [
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
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop(while: { $0 == character }).reversed().drop(while: { $0 == character }).reversed())
    }
}
