import Adapters
import Backtest
import Foundation
import MarketData
import MarketSimulator
import Testing
import Verification

/// The audit proves the registered adapters honest and catches the leaky demos with the right checks.
struct AuditTests {
    /// The default `tapedeck audit`: every registered adapter over the sample signals on the committed
    /// archive is conclusive, with no note. The archive holds SPY's ticks up to 10:40 only; the trade and
    /// quote horizon is `--horizon` (5 min past 10:30), while the bars' (390 min for the daily bars) is
    /// covered by bars recorded to 20:00 (``FutureHorizon``, per kind).
    @Test func registeredAdaptersPassEveryCheckOnTheCommittedSample() async throws {
        let signals = try AuditFixtures.sampleSignals
        let report = try await AuditRunner(source: AuditFixtures.sampleArchive, adapters: AdapterRegistry.builtIn.adapters, threads: 4).run(signals)
        #expect(report.passed, "\(report.table)")
        #expect(report.entries == 10)
        for adapter in AdapterRegistry.builtIn.names {
            for check in AuditCheck.allCases {
                let outcome = report.outcome(adapter, check)
                #expect(outcome.examined > 0, "\(adapter) \(check) examined nothing")
            }
            #expect(report.digests[adapter]?.count == 64)
        }
        #expect(report.comparisons.contains("4 vs 1 threads"))
        #expect(report.comparisons.contains("cold vs warm cache"))
        #expect(report.notes.isEmpty, "\(report.notes)")
        #expect(report.isConclusive)
        #expect(report.futureHorizons.allSatisfy { $0 >= 5 * Timestamp.nanosecondsPerMinute }, "\(report.futureHorizons)")
    }

    /// Each planted leak, and the checks that catch it on the small signals (simulator seed 1). The future
    /// checks perturb only what is visible at or after E, so they catch a leak exactly when its output
    /// depends on such a record; the guard catches every read past the frontier through the back door;
    /// the window check every read before the declared lookback; determinism every output that depends on
    /// what ran before.
    static let plantedLeaks: [(name: String, caughtBy: Set<AuditCheck>)] = [
        ("LeakyBarRule", [.guardRail, .futureRemoved, .futureShifted, .futureExtra, .futureReordered]),
        ("LeakyPeek", [.guardRail, .futureRemoved, .futureShifted, .futureExtra, .futureReordered]),
        // Today's daily bar closes at the end of the day: every change after E moves its high or close.
        ("LeakyDailyBar", [.guardRail, .futureRemoved, .futureShifted, .futureExtra, .futureReordered]),
        // No recorded quote falls on exactly E; `future-extra` plants one there.
        ("LeakyQuoteAtEntry", [.guardRail, .futureExtra]),
        // No print of these entries straddles E (participant before, SIP after): only the guard sees the
        // reads here; `participantTimeReadsPrintsPublishedAfterTheEntry` shows the leaked value.
        ("LeakyParticipantTime", [.guardRail]),
        // Every evaluation sees another count, so every check that evaluates twice differs.
        ("LeakyCarriedState", [.futureRemoved, .futureShifted, .futureExtra, .futureReordered, .window, .determinism]),
        ("LeakyLookback", [.window]),
        // Honest per entry, so only the checks that run its pass on another future, and the one-pass vs
        // per-entry comparison, see the day's last price.
        ("LeakyPass", [.futureRemoved, .futureShifted, .futureExtra, .futureReordered, .determinism]),
    ]

    @Test func everyPlantedLeakIsCaughtByItsChecks() async throws {
        #expect(Set(LeakyDemoAdapters.names) == Set(Self.plantedLeaks.map(\.name)))
        let adapters = AdapterRegistry.builtIn.adapters + LeakyDemoAdapters.all
        let report = try await AuditRunner(source: AuditFixtures.simulator(), adapters: adapters, threads: 2).run(AuditFixtures.smallSignals)
        #expect(!report.passed)
        for (name, caughtBy) in Self.plantedLeaks {
            #expect(Set(report.failedChecks(name)) == caughtBy, "\(name): \(report.table)")
        }
        for name in LeakyDemoAdapters.names where report.failedChecks(name).contains(.guardRail) {
            let guardFailure = try #require(report.outcome(name, .guardRail).firstFailure)
            #expect(guardFailure.column == "violation")
            #expect(report.outcome(name, .guardRail).failed == AuditFixtures.smallSignals.count)
        }
        // The peek's first failure names the leaked value: the next trade's price, gone when the future is.
        let cut = try #require(report.outcome("LeakyPeek", .futureRemoved).firstFailure)
        #expect(cut.column == "LeakyPeek.next_price" && cut.actual == "null" && cut.expected != "null")
        // The bar rule admits the bar straddling 09:45:30, whose close changes when the future does.
        let straddle = try #require(report.outcome("LeakyBarRule", .futureShifted).firstFailure)
        #expect(straddle.column == "LeakyBarRule.close")
        // Reading before the lookback is named as such.
        let early = try #require(report.outcome("LeakyLookback", .window).firstFailure)
        #expect(early.column.hasPrefix("LeakyLookback."))
        for name in AdapterRegistry.builtIn.names { #expect(report.failedChecks(name).isEmpty, "\(name): \(report.table)") }
        #expect(report.table.contains("FAIL LeakyPeek guard"))
    }

    /// A print stamped by its venue before E but published by the SIP after it: selecting by participant
    /// time takes it (the leak), and the back-door read is recorded.
    @Test func participantTimeReadsPrintsPublishedAfterTheEntry() throws {
        let entry = time("2024-03-15 10:00")
        let ms: (Int64) -> Timestamp = { entry.advanced(by: $0 * 1_000_000) }
        let trades = TradeColumns(records: [
            TradeRecord(time: ms(-2_000), price: 10.00, size: 100, sequenceNumber: 1, participantTime: ms(-2_001)),
            TradeRecord(time: ms(3), price: 10.50, size: 100, sequenceNumber: 2, participantTime: ms(-1)),
            TradeRecord(time: ms(5), price: 11.00, size: 100, sequenceNumber: 3, participantTime: ms(4)),
        ])
        let cache = DataCache(symbol: symbol("SPY"), date: NewYorkTime.date(of: entry), trades: trades, quotes: nil, bars: [:])
        let auditor = ViolationRecorder()
        let adapter = LeakyParticipantTimeAdapter()
        let context = EntryContext(
            cache: cache, entry: entry, adapter: adapter.name, requirements: adapter.requirements, calendar: .nyse,
            auditor: auditor)
        #expect(try adapter.evaluate(context) == [10.50, 2])
        #expect(auditor.violations.map(\.kind) == [.pastFrontier, .pastFrontier])
    }

    @Test func guardRecordsBackDoorReadsWhateverRecorderTheAdapterPasses() throws {
        let times: [Int64] = [1, 2, 3, 4].map { time("2024-03-15 10:00").nanoseconds + $0 * 1_000_000_000 }
        let columns = TradeColumns(
            records: times.enumerated().map { TradeRecord(time: Timestamp(nanoseconds: $1), price: 10, size: 1, sequenceNumber: Int64($0)) })
        let cache = DataCache(symbol: symbol("CROX"), date: NewYorkTime.date(of: time("2024-03-15 10:00")), trades: columns, quotes: nil, bars: [:])
        let auditor = ViolationRecorder()
        let context = EntryContext(
            cache: cache, entry: Timestamp(nanoseconds: times[2]), adapter: "LeakyPeek", requirements: LeakyPeekAdapter().requirements,
            auditor: auditor)
        let values = try LeakyPeekAdapter().evaluate(context)
        #expect(values[1] == 10)  // it did read the trade at E
        #expect(auditor.violations.map(\.kind) == [.pastFrontier])
        #expect(auditor.violations.first?.reader == "LeakyPeek")
    }

    /// The audit is not vacuous: the perturbations applied *before* E, over every lookback, change the
    /// outputs — every registered adapter is moved by at least one of them and every kind moves some
    /// adapter (reordering equal-time events cannot move an order-free statistic such as a sum) — while
    /// the same perturbations at/after E change nothing.
    @Test func perturbingThePastChangesOutputsAndTheFutureDoesNot() async throws {
        let signals = [Signal(symbol: symbol("ETSY"), entry: time("2024-03-15 11:15"), id: "etsy-2")]
        let entry = signals[0].entry
        let adapters = AdapterRegistry.builtIn.adapters
        func run(_ kind: AuditPerturbation.Kind?, _ region: AuditPerturbation.Region?) async throws -> BacktestReport {
            let base = SimulatorSource(seed: 1)
            var source: any MarketDataSource = base
            if let kind, let region { source = AuditPerturbedSource(base, perturbation: AuditPerturbation(kind, region)) }
            return try await BacktestRunner(source: source, adapters: adapters, parallelism: 1).run(signals)
        }
        let reference = try await run(nil, nil)
        var moved: [String: [AuditPerturbation.Kind]] = [:]
        for kind in [AuditPerturbation.Kind.shiftedPrices, .removed, .extraTrades, .reordered] {
            // Everything visible in the week before E: every adapter's lookback, sessions included.
            let past = try await run(kind, .visible(from: entry.advanced(by: -7 * Timestamp.nanosecondsPerDay), at: entry))
            let future = try await run(kind, .notVisible(at: entry))
            var movedByKind = 0
            for adapter in AdapterRegistry.builtIn.names {
                if CanonicalOutput.digest(reference, adapter: adapter) != CanonicalOutput.digest(past, adapter: adapter) {
                    moved[adapter, default: []].append(kind)
                    movedByKind += 1
                }
                #expect(
                    CanonicalOutput.digest(reference, adapter: adapter) == CanonicalOutput.digest(future, adapter: adapter),
                    "\(kind) after E changed \(adapter)")
            }
            #expect(movedByKind > 0, "\(kind) before E changed no adapter")
        }
        for adapter in AdapterRegistry.builtIn.names {
            #expect(moved[adapter] != nil, "no perturbation before E changed \(adapter): \(moved)")
        }
        // Shifting prices before E moves every adapter: none ignores its data.
        #expect(AdapterRegistry.builtIn.names.allSatisfy { moved[$0]?.contains(.shiftedPrices) == true || moved[$0]?.contains(.removed) == true })
    }

    @Test func perturbationsKeepStreamsSortedWithUniqueKeys() async throws {
        let window = TimeWindow(uncheckedStart: time("2024-03-15 09:50"), end: time("2024-03-15 10:10"))
        let trades = try await SimulatorSource(seed: 1).trades(symbol("CROX"), in: window)
        let quotes = try await SimulatorSource(seed: 1).quotes(symbol("CROX"), in: window)
        for kind in AuditPerturbation.Kind.allCases {
            let perturbation = AuditPerturbation(kind, .notVisible(at: time("2024-03-15 10:00")))
            for keys in [
                perturbation.apply(to: trades).map { ($0.sipTimestamp, $0.sequenceNumber) },
                perturbation.apply(to: quotes).map { ($0.sipTimestamp, $0.sequenceNumber) },
            ] {
                #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "\(kind) broke the order")
            }
            let before = trades.filter { $0.sipTimestamp < time("2024-03-15 10:00") }
            #expect(Array(perturbation.apply(to: trades).prefix(before.count)) == before, "\(kind) touched the past")
        }
    }
}

/// Determinism is a comparison of two sources; every pair is one call.
struct AuditDeterminismTests {
    @Test func oneVersusManyThreadsAndColdVersusWarmAreIdentical() async throws {
        let signals = try AuditFixtures.sampleSignals.filter { $0.symbol.rawValue != "SPY" }
        let replay = AuditReplaySource(SimulatorSource(seed: 1))
        let threads = try await AuditDeterminism.compare(
            .init(SimulatorSource(seed: 1), parallelism: 1), .init(replay, parallelism: 4), signals: signals, adapters: AdapterRegistry.builtIn.adapters,
            label: "1 vs 4 threads")
        #expect(threads.values.allSatisfy { $0 == nil })
        let warm = try await AuditDeterminism.compare(
            .init(replay, parallelism: 4), .init(replay, parallelism: 1), signals: signals, adapters: AdapterRegistry.builtIn.adapters, label: "warm")
        #expect(warm.values.allSatisfy { $0 == nil })
        #expect(replay.hitsAndMisses.hits > 0)
    }

    @Test func simulatorAndARecordingOfItAreIdentical() async throws {
        // The in-process stand-in for "simulator vs archive recorded from it": record the backtest's
        // windows into memory, then replay them. The lead adds the real archive as another pair.
        let signals = AuditFixtures.smallSignals
        let runner = BacktestRunner(source: SimulatorSource(seed: 1), adapters: AdapterRegistry.builtIn.adapters)
        var tapes: [Symbol: AuditTapeSource.Tape] = [:]
        for plan in try runner.plans(for: signals) {
            tapes[plan.symbolDay.symbol] = try await AuditTapeSource.record(plan.symbolDay.symbol, windows: plan.windows, from: SimulatorSource(seed: 1))
        }
        let pairs = try await AuditDeterminism.compare(
            .init(SimulatorSource(seed: 1)), .init(AuditTapeSource(tapes: tapes), parallelism: 3), signals: signals,
            adapters: AdapterRegistry.builtIn.adapters, label: "simulator vs recording")
        #expect(pairs.count == AdapterRegistry.builtIn.adapters.count)
        #expect(pairs.values.allSatisfy { $0 == nil })
    }

    @Test func differentSourcesAreToldApartWithTheFirstDifferingValue() async throws {
        let pairs = try await AuditDeterminism.compare(
            .init(SimulatorSource(seed: 1)), .init(SimulatorSource(seed: 2)), signals: AuditFixtures.smallSignals,
            adapters: AdapterRegistry.builtIn.adapters, label: "seed 1 vs seed 2")
        let failure = try #require(pairs["TickFlow"] ?? nil)
        #expect(failure.detail == "seed 1 vs seed 2")
        #expect(failure.column.hasPrefix("TickFlow."))
        #expect(failure.expected != failure.actual)
    }
}
