import Adapters
import Backtest
import MarketData
import MarketSimulator
import Testing

struct RunnerTests {
    static let entries = ["10:00", "10:07:30", "11:15", "11:59:59.5", "13:30", "15:45"].map { time("2024-03-15 \($0)") }

    private func signals(_ s: String = "CROX") -> [Signal] {
        Self.entries.enumerated().map { Signal(symbol: symbol(s), entry: $1, id: "e\($0)") }
    }

    @Test func oneFetchPerKindForAllEntriesOfASymbolDay() async throws {
        let source = CountingSource(SimulatorSource(seed: 3))
        let adapters: [any BacktestAdapter] = [CountingAdapter(name: "A"), CountingAdapter(name: "B"), CountingAdapter(name: "C"), CountingAdapter(name: "D")]
        let runner = BacktestRunner(source: source, adapters: adapters)
        let report = try await runner.run(signals())
        #expect(report.values.count == Self.entries.count)
        #expect(source.count(.bars) == 1 && source.count(.trades) == 1 && source.count(.quotes) == 1)
        let plan = try #require(try runner.plans(for: signals()).first)
        #expect(plan.windows[.trades] == TimeWindow(uncheckedStart: time("2024-03-15 09:50"), end: time("2024-03-15 15:45")))
        #expect(plan.windows[.bars]?.start == time("2024-03-15 09:00"))
        #expect(plan.timeframes == [.minute1, .minute5])
    }

    @Test func oneByOneAndParallelGiveTheSameResults() async throws {
        let source = SimulatorSource(seed: 11)
        let serial = try await BacktestRunner(source: source, adapters: [CountingAdapter()], parallelism: 1).run(signals("ETSY"))
        let parallel = try await BacktestRunner(source: source, adapters: [CountingAdapter()], parallelism: 4).run(signals("ETSY"))
        #expect(serial == parallel)
        #expect(ResultFormatter.jsonLines(serial) == ResultFormatter.jsonLines(parallel))
    }

    @Test func anEntryOnAClosedDayIsNamed() async throws {
        let runner = BacktestRunner(source: SimulatorSource(seed: 1), adapters: [CountingAdapter()])
        let signal = Signal(symbol: symbol("SPY"), entry: time("2024-12-25 10:00"), location: "s.csv:4")
        let error = await #expect(throws: TapeDeckError.self) { try await runner.run([signal]) }
        #expect(error?.message.hasPrefix("s.csv:4: market closed on 2024-12-25: Christmas Day") == true)
    }

    @Test func anEntryOutsideTheSessionIsNamed() async throws {
        let runner = BacktestRunner(source: SimulatorSource(seed: 1), adapters: [CountingAdapter()])
        let signal = Signal(symbol: symbol("SPY"), entry: time("2024-03-15 21:00"), location: "s.csv:2")
        let error = await #expect(throws: TapeDeckError.self) { try await runner.run([signal]) }
        #expect(error?.code == .entryOutsideSession)
        #expect(error?.message.hasPrefix("s.csv:2: entry 2024-03-15T21:00:00-04:00 is outside the trading day") == true)
    }

    @Test func theSourcesErrorReachesTheUserUnchanged() async throws {
        let missing = TapeDeckError(.notRecorded, "no trades for CROX in [...]; record them with `tapedeck record --symbols CROX --date 2024-03-15`")
        let runner = BacktestRunner(source: FailingSource(error: missing), adapters: [CountingAdapter()])
        let error = await #expect(throws: TapeDeckError.self) { try await runner.run(signals()) }
        #expect(error == missing)
    }

    /// An adapter that breaks its contract (too few values, an error of its own of any type, even a
    /// ``TapeDeckError``, or an undeclared read) stops the run with an error naming the adapter, the symbol
    /// and the entry, keeping the inner message: never a trap that loses the whole run.
    @Test(arguments: [BrokenAdapter.Fault.tooFewValues, .tooManyValues, .throwsItsOwnError, .throwsATapeDeckError, .readsUndeclaredQuotes])
    func aBrokenAdapterIsANamedError(fault: BrokenAdapter.Fault) async throws {
        let runner = BacktestRunner(source: SimulatorSource(seed: 1), adapters: [CountingAdapter(), BrokenAdapter(fault: fault)])
        let signal = Signal(symbol: symbol("CROX"), entry: time("2024-03-15 10:00"))
        let error = await #expect(throws: TapeDeckError.self) { try await runner.run([signal]) }
        #expect(error?.code == .adapterFailed)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("adapter Broken failed on CROX at 2024-03-15T10:00:00-04:00: "))
        switch fault {
        case .tooFewValues: #expect(message.contains("it returned 1 values for its 2 outputs"))
        case .tooManyValues: #expect(message.contains("it returned 3 values for its 2 outputs"))
        case .throwsItsOwnError: #expect(message.contains("division by the empty book"))
        case .throwsATapeDeckError: #expect(message.contains(": the window of the empty book; fix the adapter"))
        case .readsUndeclaredQuotes:
            #expect(message.contains(": adapter Broken read quotes without declaring it; add it to the adapter's requirements; fix the adapter"))
        case .throwsNotRecorded: Issue.record("not a contract break")
        }
    }

    /// `notRecorded` from inside an adapter is the source's error, with the `tapedeck record …` command the
    /// user must run: it passes through unchanged, as from the source.
    @Test func notRecordedFromAnAdapterReachesTheUserUnchanged() async throws {
        let runner = BacktestRunner(source: SimulatorSource(seed: 1), adapters: [BrokenAdapter(fault: .throwsNotRecorded)])
        let signal = Signal(symbol: symbol("CROX"), entry: time("2024-03-15 10:00"))
        let error = await #expect(throws: TapeDeckError.self) { try await runner.run([signal]) }
        #expect(error == BrokenAdapter.notRecorded)
    }

    @Test func malformedSignalsNameFileAndLine() throws {
        let text = "symbol,entry_time,id\nSPY,2024-03-15 10:00,a\n\n# comment\nSPY,2024-03-15 25:00\n"
        let error = #expect(throws: TapeDeckError.self) { try SignalReader.parse(text, file: "sig.csv") }
        #expect(error?.message.hasPrefix("sig.csv:5: invalid time") == true)
        let fields = #expect(throws: TapeDeckError.self) { try SignalReader.parse("SPY\n", file: "x.csv") }
        #expect(fields?.message == "x.csv:1: expected symbol,entry_time[,id], found 1 fields")
    }

    @Test func signalsReadFromCSVAndJSONLines() throws {
        let text = """
            SPY,2024-03-15T10:30:00-04:00,first
            {"symbol":"ETSY","entry_time":"2024-03-15 11:00","id":7}
            CROX,2024-03-15T15:00:00Z
            """
        let signals = try SignalReader.parse(text, file: "s")
        #expect(signals.map(\.id) == ["first", "7", nil])
        #expect(signals[1].entry == time("2024-03-15T15:00:00Z") && signals[2].entry == time("2024-03-15T11:00:00-04:00"))
        #expect(signals[1].location == "s:2")
    }

    @Test func canonicalJSONAndCSV() {
        let report = BacktestReport(
            columns: ["X.b", "X.a"], signals: [Signal(symbol: symbol("SPY"), entry: time("2024-03-15T14:30:00Z"), id: "a,\"b\"")],
            values: [[0.1, .nan]])
        #expect(ResultFormatter.jsonLines(report) == #"{"X.a":null,"X.b":0.1,"entry_time":"2024-03-15T10:30:00-04:00","id":"a,\"b\"","symbol":"SPY"}"# + "\n")
        #expect(ResultFormatter.csv(report) == "id,symbol,entry_time,X.b,X.a\n\"a,\"\"b\"\"\",SPY,2024-03-15T10:30:00-04:00,0.1,\n")
    }
}

/// Names are checked before any run: ambiguous adapters or columns are one error naming the adapter.
struct AdapterContractTests {
    struct Named: BacktestAdapter {
        var name: String
        var outputs: [String]
        var summary: String { "test" }
        var requirements: [DataRequirement] { [.trades(lookback: .minutes(1))] }
        func evaluate(_ context: EntryContext) throws -> [Double?] { outputs.map { _ in 0 } }
    }

    @Test(arguments: [
        ([Named(name: "A", outputs: ["x"]), Named(name: "A", outputs: ["y"])], "adapter \"A\" cannot run: two adapters have this name"),
        ([Named(name: "", outputs: ["x"])], "adapter \"\" cannot run: its name is empty"),
        ([Named(name: "My.EMA", outputs: ["x"])], "adapter \"My.EMA\" cannot run: its name holds a comma, a dot or whitespace"),
        ([Named(name: "A", outputs: [])], "adapter \"A\" cannot run: it declares no outputs"),
        ([Named(name: "A", outputs: ["x", "x"])], "adapter \"A\" cannot run: output \"x\" is declared twice"),
        ([Named(name: "A", outputs: ["ema 9"])], "adapter \"A\" cannot run: output \"ema 9\" holds a comma, a dot or whitespace"),
    ])
    func ambiguousNamesAreRefusedBeforeAnyRun(adapters: [Named], message: String) async throws {
        let signal = Signal(symbol: symbol("CROX"), entry: time("2024-03-15 10:00"))
        let backtest = await #expect(throws: TapeDeckError.self) {
            try await BacktestRunner(source: FailingSource(error: TapeDeckError(.notRecorded, "never asked")), adapters: adapters).run([signal])
        }
        #expect(backtest?.code == .invalidAdapter)
        #expect(backtest?.message.hasPrefix(message) == true, "\(backtest?.message ?? "")")
    }

    @Test func everyRegisteredAndDemoAdapterKeepsTheContract() throws {
        try AdapterContract.check(AdapterRegistry.builtIn.adapters + LeakyDemoAdapters.all)
    }
}
