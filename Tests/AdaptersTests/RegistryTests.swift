import Adapters
import Backtest
import MarketData
import Testing

struct RegistryTests {
    static let expectedNames = [
        "M1EMA", "M1EMA20", "M5EMA", "M15EMA", "SMA20", "SessionVWAP", "RSI14", "MACD", "Bollinger", "ATR14", "Stochastic", "OBV",
        "ROC10", "RealizedVol", "OpeningRange", "PriorSession", "RelativeVolume", "Trend30", "Trend60", "Amihud", "CumDelta",
        "CumDeltaTick", "TickFlow", "TradeIntensity", "TradeSizeProfile", "TradeVWAP", "QuotedSpread", "QuoteImbalance",
        "Microprice", "OFI", "EffectiveSpread", "VolumeAtQuote", "KyleLambda",
    ]

    @Test func namesAreUniqueAndAllRunByDefault() throws {
        #expect(AdapterRegistry.builtIn.names == Self.expectedNames)
        #expect(Set(AdapterRegistry.builtIn.names).count == AdapterRegistry.builtIn.adapters.count)
        #expect(AdapterRegistry.builtIn.adapters.count >= 28)
        #expect(try AdapterRegistry.builtIn.adapters(parsing: nil).map(\.name) == Self.expectedNames)
        #expect(try AdapterRegistry.builtIn.adapters(parsing: "").map(\.name) == Self.expectedNames)
        for name in Self.expectedNames { #expect(try AdapterRegistry.builtIn.adapter(named: name).name == name) }
    }

    /// What `tapedeck adapters list` prints is complete: a summary, requirements with a lookback, and
    /// unique snake_case output names for every adapter; no prefix `Leaky` (audit demos stay unregistered).
    @Test func metadataIsComplete() throws {
        for adapter in AdapterRegistry.builtIn.adapters {
            #expect(!adapter.summary.isEmpty, "\(adapter.name)")
            #expect(!adapter.requirements.isEmpty, "\(adapter.name)")
            #expect(!adapter.outputs.isEmpty && Set(adapter.outputs).count == adapter.outputs.count, "\(adapter.name)")
            for output in adapter.outputs {
                #expect(output.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(adapter.name).\(output)")
            }
            for requirement in adapter.requirements {
                switch requirement.lookback {
                case .minutes(let n): #expect(n > 0 && n <= 24 * 60, "\(adapter.name)")
                case .sessions(let n): #expect(n >= 0 && n <= 10, "\(adapter.name)")
                }
            }
            #expect(!adapter.name.hasPrefix("Leaky"))
        }
    }

    @Test func unknownAdapterListsTheKnownOnes() throws {
        let error = #expect(throws: TapeDeckError.self) { try AdapterRegistry.builtIn.adapters(parsing: "M1EMA,Nope") }
        #expect(error?.code == .unknownAdapter)
        #expect(error?.message == "unknown adapter \"Nope\"; known adapters: \(Self.expectedNames.joined(separator: ", ")) (see `tapedeck adapters list`)")
        #expect(try AdapterRegistry.builtIn.adapters(parsing: "TickFlow, M1EMA,TickFlow").map(\.name) == ["TickFlow", "M1EMA"])
    }

    /// The demos are accepted by name where a command allows them (audit, report), never in "all".
    @Test func extraAdaptersAreAcceptedByNameOnly() throws {
        #expect(AdapterRegistry.builtIn.demos.map(\.name) == LeakyDemoAdapters.names)
        #expect(try AdapterRegistry.builtIn.adapters(parsing: nil, includingDemos: true).map(\.name) == Self.expectedNames)
        #expect(try AdapterRegistry.builtIn.adapters(parsing: "LeakyPeek,M1EMA", includingDemos: true).map(\.name) == ["LeakyPeek", "M1EMA"])
        #expect(throws: TapeDeckError.self) { try AdapterRegistry.builtIn.adapters(parsing: "LeakyPeek") }
        let error = #expect(throws: TapeDeckError.self) { try AdapterRegistry.builtIn.adapters(parsing: "Nope", includingDemos: true) }
        #expect(error?.message.contains((Self.expectedNames + LeakyDemoAdapters.names).joined(separator: ", ")) == true)
    }

    /// A user's adapter, as a package depending on TapeDeck registers it.
    struct Spread: BacktestAdapter {
        var name = "MySpread"
        var summary: String { "test" }
        var requirements: [DataRequirement] { [.quotes(lookback: .minutes(1))] }
        var outputs: [String] { ["bps"] }
        func evaluate(_ context: EntryContext) throws -> [Double?] { [nil] }
    }

    @Test func addingAppendsAUserAdapterToTheListing() throws {
        let registry = try AdapterRegistry.builtIn.adding([Spread()])
        #expect(registry.names == Self.expectedNames + ["MySpread"])
        #expect(try registry.adapters(parsing: "MySpread,M1EMA").map(\.name) == ["MySpread", "M1EMA"])
        #expect(registry.demos.map(\.name) == LeakyDemoAdapters.names)
        #expect(AdapterRegistry.builtIn.names == Self.expectedNames, "the built-in registry is a value; adding copies it")
    }

    @Test(arguments: [
        ([Spread(name: "M1EMA")], "adapter \"M1EMA\" cannot run: two adapters have this name"),
        ([Spread(name: "LeakyPeek")], "adapter \"LeakyPeek\" cannot run: two adapters have this name"),
        ([Spread(), Spread()], "adapter \"MySpread\" cannot run: two adapters have this name"),
        ([Spread(name: "My Spread")], "adapter \"My Spread\" cannot run: its name holds a comma, a dot or whitespace"),
    ])
    func addingRefusesATakenOrUnusableName(adapters: [Spread], message: String) {
        let error = #expect(throws: TapeDeckError.self) { try AdapterRegistry.builtIn.adding(adapters) }
        #expect(error?.code == .invalidAdapter)
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }

    /// Lookbacks are declared as the planner needs them: the multi-session ones as sessions.
    @Test func sessionLookbacks() throws {
        #expect(try AdapterRegistry.builtIn.adapter(named: "RelativeVolume").requirements == [.bars(.minute1, lookback: .sessions(5))])
        #expect(try AdapterRegistry.builtIn.adapter(named: "PriorSession").requirements.contains(.bars(.daily, lookback: .sessions(1))))
        #expect(try AdapterRegistry.builtIn.adapter(named: "M15EMA").requirements == [.bars(.minute15, lookback: .sessions(1))])
    }
}
