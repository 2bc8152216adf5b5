import Adapters
import Backtest
import Foundation
import MarketData
import Testing

/// The one-pass form (``OnePassAdapter``) against the per-entry reference: the same values bit for bit on
/// simulated days of every liquidity profile, and a hand-worked window where a plain prefix difference
/// would be wrong.
struct OnePassTests {
    static let onePassAdapters = AdapterRegistry.builtIn.adapters.filter { $0 is any OnePassAdapter }

    /// Entries from the pre-market to the post-market (for the very liquid SPY, whose full day costs minutes
    /// per entry in a debug build, around the open), some on exact minutes (a window starting exactly at a
    /// record) and some between; every value of both runs compared by its bits.
    @Test(arguments: [
        ("SPY", "2024-03-15 09:20", 80 * 60, 2 * 60 + 37), ("ETSY", "2024-03-15 04:01", 950 * 60, 3 * 60 + 7),
        ("CROX", "2024-03-15 04:01", 950 * 60, 2 * 60 + 41),
    ])
    func onePassEqualsPerEntry(symbol: String, from first: String, spanSeconds: Int, spacingSeconds: Int) async throws {
        let day = time(first)
        var signals: [Signal] = []
        var offset = 0
        while offset < spanSeconds {
            signals.append(Signal(symbol: try Symbol(symbol), entry: day.advanced(by: Int64(offset) * 1_000_000_000)))
            offset += spacingSeconds
        }
        for extra in [time("2024-03-15 09:30"), time("2024-03-15 09:30").advanced(by: 1), time("2024-03-15 10:00")] {
            signals.append(Signal(symbol: try Symbol(symbol), entry: extra))
        }
        let source = MemoizingSource(seed: 1)
        let adapters = Self.onePassAdapters
        #expect(
            Set(adapters.map(\.name)) == [
                "CumDelta", "CumDeltaTick", "TickFlow", "TradeSizeProfile", "VolumeAtQuote", "KyleLambda", "QuotedSpread", "QuoteImbalance",
                "EffectiveSpread", "OFI", "TradeIntensity", "RelativeVolume",
            ])
        let onePass = try await BacktestRunner(source: source, adapters: adapters, parallelism: 2, evaluation: .onePass).run(signals)
        let perEntry = try await BacktestRunner(source: source, adapters: adapters, parallelism: 2, evaluation: .perEntry).run(signals)
        #expect(onePass.columns == perEntry.columns)
        var compared = 0
        for (row, (left, right)) in zip(onePass.values, perEntry.values).enumerated() {
            for (column, (a, b)) in zip(left, right).enumerated() where a?.bitPattern != b?.bitPattern {
                Issue.record("\(signals[row].entry) \(onePass.columns[column]): one pass \(String(describing: a)), per entry \(String(describing: b))")
            }
            compared += left.compactMap { $0 }.count
        }
        #expect(compared > signals.count, "most values are defined")
    }

    /// Trades at minutes 1…6 at 10, 11, 11, 10, 10, 12 (sizes 100…600, plus `fraction`); TickFlow over 4
    /// minutes at 6:30 reads minutes 3…6 with a fresh tick test: 11 unknown, 10 down, 10 zero-down, 12 up.
    /// By hand: 1 uptick (600 shares), 2 downticks (400 + 500), 4 trades. The day's own tick test calls
    /// minute 3 a zero-uptick, so a bare prefix difference would say 2 upticks: the window walk must
    /// correct it. Half shares make the sums inexact for a prefix jump, so the reader walks the window.
    @Test(arguments: [0, 0.5])
    func tickFlowRestartsAtTheWindowStart(fraction: Double) throws {
        let prices = [10.0, 11, 11, 10, 10, 12]
        let trades = TradeColumns(
            records: prices.enumerated().map { index, price in
                TradeRecord(
                    time: time("2024-03-15 10:00").advanced(by: Int64(index + 1) * minute), price: price,
                    size: Double(index + 1) * 100 + fraction, sequenceNumber: Int64(index + 1))
            })
        let cache = DataCache(symbol: spy, date: date("2024-03-15"), trades: trades, quotes: nil, bars: [:])
        let adapter = TickFlowAdapter(lookbackMinutes: 4)
        let entry = time("2024-03-15 10:06:30")
        let context = EntryContext(cache: cache, entry: entry, adapter: adapter.name, requirements: adapter.requirements)
        let day = DayContext(cache: cache, adapter: adapter.name, requirements: adapter.requirements)
        let up = 600 + fraction
        let down = 900 + 2 * fraction
        let expected: [Double?] = [1, 2, up, down, up / down]
        #expect(try adapter.prepare(day).outputs(context) == expected)
        #expect(try adapter.evaluate(context) == expected)
        let sizes = try WindowSums<Int>(day, quotes: false, initial: 0) { _, event in
            guard case .trade(let trade) = event else { return .zero }
            return SIMD8(repeating: trade.size)
        }
        #expect(sizes.isExact == (fraction == 0), "a fractional contribution turns the jump off")
    }

    /// The quote adapters' readers (and TradeIntensity's) at every edge a window can cut: quotes and trades at one instant, crossed,
    /// one-sided, locked and zero-depth quotes, trades before a window's first quote, trades that do not
    /// count (not current, size 0) and half shares, with 1-minute windows that start anywhere in the tape.
    /// Every entry every 1.3 s over 3½ minutes, each value compared by its bits with the per-entry kernel.
    @Test func quoteReadersEqualPerEntryAtEveryEdge() throws {
        let start = time("2024-03-15 10:00")
        var quotes: [QuoteRecord] = []
        var quoteTime = start
        for k in 0..<70 {
            if k % 7 != 0 { quoteTime = quoteTime.advanced(by: 3_000_000_000) }  // every 7th at the same instant
            var bid = 10 + 0.01 * Double(k % 5)
            var ask = bid + 0.01 * Double(k % 3)  // locked when k % 3 == 0
            if k % 11 == 0 { swap(&bid, &ask) }  // crossed (or locked)
            if k % 13 == 0 { bid = 0 }  // one-sided
            quotes.append(
                QuoteRecord(
                    time: quoteTime, bidPrice: bid, bidSize: Double(k % 4) * 100, askPrice: ask, askSize: Double((k + 2) % 4 % 3) * 100,
                    sequenceNumber: Int64(k)))
        }
        var trades: [TradeRecord] = []
        for k in 0..<100 {
            let current = k % 5 != 0
            trades.append(
                TradeRecord(
                    time: start.advanced(by: Int64(k) * 2_250_000_000), price: 10 + 0.005 * Double(k % 7),
                    size: Double(k % 3) * 100 + (k % 4 == 1 ? 0.5 : 0), sequenceNumber: Int64(1000 + k),
                    eligibility: BarEligibility(updatesHighLow: current, updatesOpenClose: current, updatesVolume: true)))
        }
        let cache = DataCache(
            symbol: spy, date: date("2024-03-15"), trades: TradeColumns(records: trades), quotes: QuoteColumns(records: quotes), bars: [:])
        let adapters: [any OnePassAdapter] = [
            QuotedSpreadAdapter(lookbackMinutes: 1), QuoteImbalanceAdapter(lookbackMinutes: 1), EffectiveSpreadAdapter(lookbackMinutes: 1),
            OrderFlowImbalanceAdapter(lookbackMinutes: 1), TradeIntensityAdapter(recentMinutes: 1, windowMinutes: 2),
        ]
        var defined = 0
        func compare(_ adapter: any OnePassAdapter, entryCount: Int) throws {
            let reader = try adapter.prepare(
                DayContext(cache: cache, adapter: adapter.name, requirements: adapter.requirements, entryCount: entryCount))
            var entry = start
            while entry < start.advanced(by: 210_000_000_000) {
                let context = EntryContext(cache: cache, entry: entry, adapter: adapter.name, requirements: adapter.requirements)
                let onePass = try reader.outputs(context)
                let perEntry = try adapter.evaluate(context)
                #expect(onePass.map { $0?.bitPattern } == perEntry.map { $0?.bitPattern }, "\(adapter.name) at \(entry), \(entryCount) entries")
                defined += perEntry.compactMap { $0 }.count
                entry = entry.advanced(by: 1_300_000_000)
            }
        }
        // A pass may choose its structure by the number of entries (QuotedSpread's medians): both choices.
        for adapter in adapters {
            for entryCount in [1, 1_000_000] {
                try compare(adapter, entryCount: entryCount)
            }
        }
        #expect(defined > 2000, "most values are defined")
    }

    /// A pass may only read the kinds its adapter declared.
    @Test func aPassReadsOnlyDeclaredKinds() throws {
        let cache = DataCache(symbol: spy, date: date("2024-03-15"), trades: TradeColumns(records: []), quotes: nil, bars: [:])
        let day = DayContext(cache: cache, adapter: "TickFlow", requirements: TickFlowAdapter().requirements)
        #expect(throws: TapeDeckError.self) { try day.quotes() }
        #expect(try day.trades().isEmpty)
    }
}
