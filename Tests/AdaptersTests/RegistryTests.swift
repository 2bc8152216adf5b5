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
        #expect(AdapterRegistry.names == Self.expectedNames)
        #expect(Set(AdapterRegistry.names).count == AdapterRegistry.all.count)
        #expect(AdapterRegistry.all.count >= 28)
        #expect(try AdapterRegistry.adapters(parsing: nil).map(\.name) == Self.expectedNames)
        #expect(try AdapterRegistry.adapters(parsing: "").map(\.name) == Self.expectedNames)
        for name in Self.expectedNames { #expect(try AdapterRegistry.adapter(named: name).name == name) }
    }

    /// What `tapedeck adapters list` prints is complete: a summary, requirements with a lookback, and
    /// unique snake_case output names for every adapter; no prefix `Leaky` (audit demos stay unregistered).
    @Test func metadataIsComplete() throws {
        for adapter in AdapterRegistry.all {
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
        let error = #expect(throws: TapeDeckError.self) { try AdapterRegistry.adapters(parsing: "M1EMA,Nope") }
        #expect(error?.code == .unknownAdapter)
        #expect(error?.message == "unknown adapter \"Nope\"; known adapters: \(Self.expectedNames.joined(separator: ", ")) (see `tapedeck adapters list`)")
        #expect(try AdapterRegistry.adapters(parsing: "TickFlow, M1EMA,TickFlow").map(\.name) == ["TickFlow", "M1EMA"])
    }

    /// The demos are accepted by name where a command allows them (audit, report), never in "all".
    @Test func extraAdaptersAreAcceptedByNameOnly() throws {
        let demos = LeakyDemoAdapters.all
        #expect(try AdapterRegistry.adapters(parsing: nil, alsoAccepting: demos).map(\.name) == Self.expectedNames)
        #expect(try AdapterRegistry.adapters(parsing: "LeakyPeek,M1EMA", alsoAccepting: demos).map(\.name) == ["LeakyPeek", "M1EMA"])
        #expect(throws: TapeDeckError.self) { try AdapterRegistry.adapters(parsing: "LeakyPeek") }
        let error = #expect(throws: TapeDeckError.self) { try AdapterRegistry.adapters(parsing: "Nope", alsoAccepting: demos) }
        #expect(error?.message.contains((Self.expectedNames + LeakyDemoAdapters.names).joined(separator: ", ")) == true)
    }

    /// Lookbacks are declared as the planner needs them: the multi-session ones as sessions.
    @Test func sessionLookbacks() throws {
        #expect(try AdapterRegistry.adapter(named: "RelativeVolume").requirements == [.bars(.minute1, lookback: .sessions(5))])
        #expect(try AdapterRegistry.adapter(named: "PriorSession").requirements.contains(.bars(.daily, lookback: .sessions(1))))
        #expect(try AdapterRegistry.adapter(named: "M15EMA").requirements == [.bars(.minute15, lookback: .sessions(1))])
    }
}
