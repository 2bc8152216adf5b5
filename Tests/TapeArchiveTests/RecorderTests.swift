import Foundation
import MarketData
import MarketSimulator
import Synchronization
import TapeArchive
import TapeCodec
import Testing

struct RecorderTests {
    static let simulator = SimulatorSource(seed: 7, profileOverrides: Fixture.overrides)

    static func recorder(
        _ archive: Archive, _ source: any RecordableSource, mode: RecordingMode = .new, clock: WallClock = Fixture.later
    ) -> Recorder {
        Recorder(archive: archive, source: source, mode: mode, configuration: RecorderConfiguration(clock: clock))
    }

    @Test(arguments: DataKind.allCases)
    func recordThenReplayIsBitIdentical(kind: DataKind) async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let window = Fixture.window((9, 30), (10, 45))
        let archive = try Archive(path: file.path)
        let recorder = Self.recorder(archive, WireLoggingSource(seed: 7, profileOverrides: Fixture.overrides))
        let replay = try ArchiveSource(path: file.path)
        switch kind {
        case .trades:
            let recorded = try await recorder.trades(Fixture.mid, in: window)
            let direct = try await Self.simulator.trades(Fixture.mid, in: window)
            let replayed = try await replay.trades(Fixture.mid, in: window)
            #expect(!direct.isEmpty)
            #expect(recorded.count == direct.count && zip(recorded, direct).allSatisfy(BitIdentity.same))
            #expect(replayed.count == direct.count && zip(replayed, direct).allSatisfy(BitIdentity.same))
        case .quotes:
            let recorded = try await recorder.quotes(Fixture.mid, in: window)
            let direct = try await Self.simulator.quotes(Fixture.mid, in: window)
            let replayed = try await replay.quotes(Fixture.mid, in: window)
            #expect(recorded.count == direct.count && zip(recorded, direct).allSatisfy(BitIdentity.same))
            #expect(replayed.count == direct.count && zip(replayed, direct).allSatisfy(BitIdentity.same))
        case .bars:
            let recorded = try await recorder.bars(Fixture.mid, in: window)
            let direct = try await Self.simulator.bars(Fixture.mid, in: window)
            let replayed = try await replay.bars(Fixture.mid, in: window)
            #expect(recorded.count == 75)
            #expect(recorded.count == direct.count && zip(recorded, direct).allSatisfy(BitIdentity.same))
            #expect(replayed.count == direct.count && zip(replayed, direct).allSatisfy(BitIdentity.same))
        }
        // A sub-window replays exactly the matching slice.
        if kind == .trades {
            let inner = Fixture.window((9, 47), (10, 3))
            let slice = try ArchiveSource(archive: archive).replay(Trade.self, Fixture.mid, in: inner)
            #expect(slice == (try await Self.simulator.trades(Fixture.mid, in: inner)))
        }
        let report = try archive.verify()
        #expect(report.isValid, "\(report.problems)")
        #expect(report.segmentsMatchedToResponses == report.segments)
        #expect(report.responses > 0)
    }

    @Test func reRunFetchesOnlyWhatIsMissing() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let source = CountingSource(Self.simulator)
        let recorder = Self.recorder(archive, source)
        try await recorder.record(Fixture.mid, .trades, in: Fixture.window((9, 30), (10, 30)))
        #expect(source.calls(.trades) == 6)
        let summary = try await recorder.record(Fixture.mid, .trades, in: Fixture.window((9, 30), (11, 0)))
        #expect(summary.chunksRecorded == 3)
        #expect(source.calls(.trades) == 9)
        #expect(
            Set(source.windows.suffix(3).map(\.start))
                == Set(
                    [(10, 30), (10, 40), (10, 50)].map {
                        NewYorkTime.instant(Fixture.day, hour: $0.0, minute: $0.1)
                    }))
        // Everything present: no call at all, and replay through the recorder is served from the archive.
        _ = try await recorder.trades(Fixture.mid, in: Fixture.window((9, 45), (10, 55)))
        #expect(source.calls(.trades) == 9)
        // An unaligned window fetches only its two partial edges.
        try await recorder.record(Fixture.mid, .trades, in: Fixture.window((9, 25), (11, 5)))
        #expect(source.calls(.trades) == 11)
        #expect(try archive.verify().isValid)
    }

    @Test func interruptedRecordingLeavesAVerifiableArchiveAndResumes() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let window = Fixture.window((9, 30), (12, 0))  // 15 chunks
        let hanging = CountingSource(Self.simulator, hangAfter: 4)
        let task = Task { try await Self.recorder(archive, hanging).record(Fixture.mid, .quotes, in: window) }
        var waited = 0
        while try archive.coverage(Fixture.mid, .quotes).count < 4, waited < 2000 {
            try await Task.sleep(for: .milliseconds(5))
            waited += 1
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let committed = try archive.coverage(Fixture.mid, .quotes).count
        #expect(committed == 4)
        let report = try Archive(path: file.path, readOnly: true).verify()
        #expect(report.isValid, "\(report.problems)")

        let resumed = CountingSource(Self.simulator)
        try await Self.recorder(archive, resumed).record(Fixture.mid, .quotes, in: window)
        #expect(resumed.calls(.quotes) == 15 - committed)
        let replayed = try ArchiveSource(archive: archive).replay(Quote.self, Fixture.mid, in: window)
        #expect(replayed == (try await Self.simulator.quotes(Fixture.mid, in: window)))
    }

    @Test func modeNoneNeverCallsTheSource() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let source = CountingSource(Self.simulator)
        let recorder = Self.recorder(archive, source, mode: .none)
        await #expect { try await recorder.trades(Fixture.mid, in: Fixture.window((9, 30), (10, 0))) } throws: {
            ($0 as? TapeDeckError)?.code == .notRecorded
        }
        let summary = try await recorder.record(Fixture.mid, .bars, in: Fixture.window((9, 30), (16, 0)))
        #expect(summary.chunksRecorded == 0)
        #expect(source.totalCalls == 0)
    }

    @Test func modeOnceRecordsADayOnlyOnce() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let source = CountingSource(Self.simulator)
        let recorder = Self.recorder(archive, source, mode: .once)
        _ = try await recorder.trades(Fixture.mid, in: Fixture.window((9, 30), (12, 0)))
        let calls = source.calls(.trades)
        // Same day, wider window: once does not fetch again; the gap is an error.
        await #expect { try await recorder.trades(Fixture.mid, in: Fixture.window((9, 30), (16, 0))) } throws: {
            ($0 as? TapeDeckError)?.code == .notRecorded
        }
        #expect(source.calls(.trades) == calls)
        // Nor for a window of the same day that shares no time with what was recorded.
        await #expect { try await recorder.trades(Fixture.mid, in: Fixture.window((13, 0), (14, 0))) } throws: {
            ($0 as? TapeDeckError)?.code == .notRecorded
        }
        #expect(source.calls(.trades) == calls)
        // Another day records.
        let monday = LocalDate(year: 2024, month: 3, day: 18)!
        _ = try await recorder.trades(Fixture.mid, in: Fixture.window((9, 30), (12, 0), on: monday))
        #expect(source.calls(.trades) > calls)
    }

    @Test func barsAreRecordedByWholeTradingDaysSoNeighbouringWindowsNeedNoRequest() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let source = CountingSource(Self.simulator)
        let recorder = Self.recorder(try Archive(path: file.path), source, mode: .new)
        // Friday 09:30 to Monday 10:00: two trading days, one request each; the weekend is not fetched.
        let monday = LocalDate(year: 2024, month: 3, day: 18)!
        let window = TimeWindow(
            uncheckedStart: NewYorkTime.instant(Fixture.day, hour: 9, minute: 30), end: NewYorkTime.instant(monday, hour: 10, minute: 0))
        let bars = try await recorder.bars(Fixture.mid, in: window)
        #expect(source.calls(.bars) == 2)
        #expect(bars.allSatisfy { window.contains($0.start) })
        // The rest of both days is covered: pre-market and the afternoon need no request.
        _ = try await recorder.bars(Fixture.mid, in: Fixture.window((4, 0), (20, 0)))
        _ = try await recorder.bars(Fixture.mid, in: Fixture.window((4, 0), (9, 0), on: monday))
        #expect(source.calls(.bars) == 2)
    }

    @Test func modeAllReRecordsAndReplacesAtomically() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let source = CountingSource(Self.simulator)
        try await Self.recorder(archive, source).record(Fixture.mid, .trades, in: Fixture.window((9, 30), (10, 30)))
        try await Self.recorder(archive, source, mode: .all).record(Fixture.mid, .trades, in: Fixture.window((9, 45), (10, 5)))
        // All re-records the whole chunks it touches (09:40-10:10), so nothing outside is lost.
        #expect(source.calls(.trades) == 6 + 3)
        #expect(try archive.coverage(Fixture.mid, .trades).count == 6)
        #expect(try archive.gaps(Fixture.mid, .trades, in: Fixture.window((9, 30), (10, 30))).isEmpty)
        #expect(try archive.verify().isValid)
    }

    @Test func progressReportsEveryChunk() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let reports = Mutex<[FetchProgress]>([])
        try await Self.recorder(archive, Self.simulator).record(
            Fixture.mid, .trades, in: Fixture.window((9, 30), (10, 0)), progress: { report in reports.withLock { $0.append(report) } })
        let seen = reports.withLock { $0 }
        #expect(seen.map(\.chunksDone) == [0, 1, 2, 3])
        #expect(seen.allSatisfy { $0.chunksTotal == 3 })
        #expect(seen.last?.records == (try await Self.simulator.trades(Fixture.mid, in: Fixture.window((9, 30), (10, 0)))).count)
    }
}

/// Replay of one mid-profile symbol-day (target < 1 s in release; `ArchiveBenchmarks` measures it).
struct ReplayTimingTests {
    @Test func midSymbolDayReplays() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let window = try SessionCalendar.nyse.sessions(on: Fixture.day).extended
        let recorder = RecorderTests.recorder(try Archive(path: file.path), RecorderTests.simulator)
        for kind in DataKind.allCases { try await recorder.record(Fixture.mid, kind, in: window) }
        let replay = try ArchiveSource(path: file.path)
        let clock = ContinuousClock()
        var records = 0
        let elapsed = try await clock.measure {
            records += try await replay.bars(Fixture.mid, in: window).count
            records += try await replay.trades(Fixture.mid, in: window).count
            records += try await replay.quotes(Fixture.mid, in: window).count
        }
        print("replay of a mid-profile symbol-day: \(records) records in \(elapsed) (debug build)")
        #expect(records > 50_000)
        #expect(try Archive(path: file.path, readOnly: true).verify().isValid)
    }
}
