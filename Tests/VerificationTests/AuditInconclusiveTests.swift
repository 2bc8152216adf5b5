import Adapters
import Backtest
import MarketData
import MarketSimulator
import Testing
import Verification

/// The audit never passes by default: a future check with no recorded future to perturb is INCONCLUSIVE,
/// and only "not recorded" makes the audit try a shorter future.
struct AuditInconclusiveTests {
    /// The simulator as a recording that ends at `end`: asking past it is `notRecorded`, like an archive
    /// recorded without `--for-audit`.
    struct EndingSource: MarketDataSource {
        let base = SimulatorSource(seed: 1)
        let end: Timestamp
        var error = TapeDeckError(.notRecorded, "not recorded past the end")

        func check(_ window: TimeWindow) throws {
            if window.end > end { throw error }
        }
        func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
            try check(window)
            return try await base.bars(symbol, in: window, progress: progress)
        }
        func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
            try check(window)
            return try await base.trades(symbol, in: window, progress: progress)
        }
        func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
            try check(window)
            return try await base.quotes(symbol, in: window, progress: progress)
        }
    }

    static let first = time("2024-03-15 10:00")
    static let last = time("2024-03-15 10:30")
    static let signals = [
        Signal(symbol: symbol("CROX"), entry: first, id: "early"), Signal(symbol: symbol("CROX"), entry: last, id: "last"),
    ]

    /// The last entry has no recorded future: its future checks are inconclusive (nothing failed), the
    /// earlier entry's are conclusive, and the report says how much future each entry had.
    @Test func aRecordingEndingAtTheLastEntryIsInconclusive() async throws {
        let source = AuditSource(label: "ending") { EndingSource(end: Self.last) }
        let adapters = try AdapterRegistry.builtIn.adapters(parsing: "CumDelta,QuotedSpread")
        let report = try await AuditRunner(source: source, adapters: adapters, threads: 2).run(Self.signals)
        #expect(report.failures.isEmpty)
        #expect(!report.passed && !report.isConclusive)
        for adapter in ["CumDelta", "QuotedSpread"] {
            #expect(report.inconclusiveChecks(adapter) == [.futureRemoved, .futureShifted, .futureExtra, .futureReordered])
            let outcome = report.outcome(adapter, .futureRemoved)
            #expect(outcome.status == .inconclusive && outcome.examined == 2 && outcome.inconclusive == 1)
            #expect(outcome.firstInconclusive?.hasPrefix("last CROX 2024-03-15T10:30:00-04:00: no recorded") == true)
            #expect(report.outcome(adapter, .guardRail).status == .pass)
            #expect(report.outcome(adapter, .window).status == .pass)
        }
        // The horizon (5 minutes) for the early entry, whose future the recording holds; none for the last.
        #expect(report.futureHorizons == [5 * Timestamp.nanosecondsPerMinute, 0])
        #expect(report.table.contains("INCONCLUSIVE CumDelta future-cut (1 of 2): last CROX"))
        #expect(report.table.contains("1 of 2 entries have no recorded future"))
        #expect(!report.table.contains("all 2 adapters passed"))
        #expect(report.json.contains(#""status":"INCONCLUSIVE""#) && report.json.contains(#""conclusive":false"#))
    }

    /// With the future recorded, the same audit is conclusive and passes.
    @Test func aRecordingWithItsFutureIsConclusive() async throws {
        let source = AuditSource(label: "ending") { EndingSource(end: Self.last.advanced(by: 10 * Timestamp.nanosecondsPerMinute)) }
        let adapters = try AdapterRegistry.builtIn.adapters(parsing: "CumDelta,QuotedSpread")
        let report = try await AuditRunner(source: source, adapters: adapters, threads: 2).run(Self.signals)
        #expect(report.passed && report.isConclusive, "\(report.table)")
        #expect(report.futureHorizons.allSatisfy { $0 >= 5 * Timestamp.nanosecondsPerMinute })
    }

    /// Probing for the future swallows only "not recorded": any other error stops the audit with it.
    @Test func anotherErrorWhileProbingTheFutureStopsTheAudit() async throws {
        let broken = TapeDeckError(.invalidWindow, "the archive is damaged")
        let source = AuditSource(label: "broken") { EndingSource(end: Self.last, error: broken) }
        let adapters = try AdapterRegistry.builtIn.adapters(parsing: "CumDelta")
        let error = await #expect(throws: TapeDeckError.self) {
            try await AuditRunner(source: source, adapters: adapters, threads: 2).run(Self.signals)
        }
        #expect(error == broken)
    }
}
