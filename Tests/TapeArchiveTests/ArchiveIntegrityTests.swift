import Foundation
import GRDB
import MarketData
import MarketSimulator
import TapeArchive
import TapeCodec
import Testing

struct ArchiveIntegrityTests {
    /// Records MIDX trades 09:30-10:00 through the wire-logging stand-in for the live client.
    static func recordedArchive(_ file: TemporaryArchive) async throws -> Archive {
        let archive = try Archive(path: file.path)
        let recorder = Recorder(
            archive: archive, source: WireLoggingSource(seed: 7, profileOverrides: Fixture.overrides),
            configuration: RecorderConfiguration(clock: Fixture.later))
        try await recorder.record(Fixture.mid, .trades, in: Fixture.window((9, 30), (10, 0)))
        return archive
    }

    /// Flips one byte in the middle of a blob column of the first row of `table`; returns the row id.
    static func flipByte(_ archive: Archive, table: String, column: String) throws -> Int64 {
        try archive.pool.write { db in
            let row = try Row.fetchOne(db, sql: "SELECT id, \(column) FROM \(table) ORDER BY id LIMIT 1")!
            let id: Int64 = row["id"]
            let data: Data = row[column]
            var bytes = [UInt8](data)
            bytes[bytes.count / 2] ^= 0x01
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ?", arguments: [Data(bytes), id])
            return id
        }
    }

    @Test func flippedSegmentByteFailsVerifyAndReplay() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try await Self.recordedArchive(file)
        let id = try Self.flipByte(archive, table: "segments", column: "payload")
        let report = try archive.verify()
        #expect(!report.isValid)
        #expect(report.problems.contains { $0.contains("segment \(id) (MIDX trades") && $0.contains("SHA-256") })
        #expect {
            try ArchiveSource(archive: archive).replay(Trade.self, Fixture.mid, in: Fixture.window((9, 30), (10, 0)))
        } throws: { error in
            let error = error as? TapeDeckError
            return error?.code == .corruptArchive && error?.message.contains("segment \(id)") == true
        }
    }

    @Test func segmentsRebuildFromRawResponses() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try await Self.recordedArchive(file)
        let window = Fixture.window((9, 30), (10, 0))
        let before = try ArchiveSource(archive: archive).replay(Trade.self, Fixture.mid, in: window)
        _ = try Self.flipByte(archive, table: "segments", column: "payload")
        #expect(!(try archive.verify().isValid))
        #expect(try archive.rebuildSegments() == 3)
        #expect(try archive.verify().isValid)
        #expect(try ArchiveSource(archive: archive).replay(Trade.self, Fixture.mid, in: window) == before)
    }

    /// Segments of an older codec (version 1 wrote varints) are refused with the command that renews
    /// them, and `rebuildSegments` re-encodes them from the raw responses.
    @Test func olderCodecSegmentsNameTheRebuildCommand() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try await Self.recordedArchive(file)
        let window = Fixture.window((9, 30), (10, 0))
        let before = try ArchiveSource(archive: archive).replay(Trade.self, Fixture.mid, in: window)
        try await archive.pool.write { db in try db.execute(sql: "UPDATE segments SET codecVersion = 1") }
        #expect {
            try ArchiveSource(archive: archive).replay(Trade.self, Fixture.mid, in: window)
        } throws: { error in
            let error = error as? TapeDeckError
            return error?.code == .outdatedSegment && error?.message.contains("tapedeck archive rebuild \(file.path)") == true
        }
        // verify reports them in one line, naming the command.
        let problems = try archive.verify().problems
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("3 segments need rebuilding; the first: segment ") == true)
        #expect(problems.first?.contains("tapedeck archive rebuild \(file.path)") == true)
        #expect(try archive.rebuildSegments() == 3)
        #expect(try archive.verify().isValid)
        #expect(try ArchiveSource(archive: archive).replay(Trade.self, Fixture.mid, in: window) == before)
    }

    @Test func flippedResponseByteFailsVerifyNamingTheRow() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try await Self.recordedArchive(file)
        let id = try Self.flipByte(archive, table: "responses", column: "body")
        let report = try archive.verify()
        #expect(report.problems.contains { $0.contains("response \(id) (/v3/trades/MIDX") })
    }

    @Test func segmentsThatDisagreeWithTheirResponsesFailVerify() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try await Self.recordedArchive(file)
        // A consistent (hash-valid) segment whose records differ from the raw responses.
        let row = try archive.segments(Fixture.mid, .trades, overlapping: Fixture.window((9, 30), (10, 0)))[0]
        var trades: [Trade] = try archive.decode(row)
        trades[0].size += 1
        let segment = SegmentCodec.encode(trades)
        try await archive.pool.write { db in
            try db.execute(
                sql: "UPDATE segments SET payload = ?, sha256 = ?, rawSize = ? WHERE id = ?",
                arguments: [Data(segment.payload), Archive.sha256(segment.payload), segment.rawSize, row.id])
        }
        let report = try archive.verify()
        #expect(report.problems.contains { $0.contains("segment \(row.id!)") && $0.contains("differ") })
    }

    @Test func overlappingCoverageFailsVerify() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try await Self.recordedArchive(file)
        try await archive.pool.write { db in
            try db.execute(
                sql:
                    "INSERT INTO coverage (symbol, kind, day, start, \"end\", recordedAt, sessionClosed) SELECT symbol, kind, day, start + 1, \"end\", recordedAt, sessionClosed FROM coverage LIMIT 1"
            )
        }
        #expect(try archive.verify().problems.contains { $0.contains("overlaps") })
    }

    @Test(arguments: [false, true])
    func newerSchemaIsAClearError(readOnly: Bool) async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try await Self.recordedArchive(file)
        try await archive.pool.write { db in
            try db.execute(sql: "UPDATE meta SET value = '99' WHERE key = 'schemaVersion'")
        }
        #expect {
            _ = try Archive(path: file.path, readOnly: readOnly)
        } throws: { error in
            let error = error as? TapeDeckError
            return error?.code == .newerArchiveSchema && error?.message.contains("schema version 99") == true
                && error?.message.contains("upgrade tapedeck") == true
        }
    }

    @Test func notAnArchiveIsAClearError() throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("hello, not sqlite".utf8)))
        #expect(throws: TapeDeckError.self) { _ = try Archive(path: file.path) }
        #expect { _ = try Archive(path: file.path + ".missing", readOnly: true) } throws: {
            ($0 as? TapeDeckError)?.code == .archiveUnavailable
        }
    }

    @Test func apiKeyNeverReachesTheFile() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try await Self.recordedArchive(file)
        #expect(try archive.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM responses") ?? 0 } > 0)
        let key = Data(WireLoggingSource.apiKey.utf8)
        #expect(file.allBytes().range(of: key) == nil)
        #expect(file.allBytes().range(of: Data("apiKey".utf8)) == nil)
        let requests = try archive.read { db in try String.fetchAll(db, sql: "SELECT request FROM responses") }
        #expect(requests.allSatisfy { $0.hasPrefix("/v3/trades/MIDX?cursor=") })
    }

    /// A source that echoes the key in a body (a misbehaving server) is refused, and nothing is stored.
    @Test func responsesContainingTheKeyAreRefused() async throws {
        struct EchoingSource: LoggingFake {
            func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Bar] { [] }
            func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Quote] { [] }
            func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Trade] {
                let body = Array("{\"results\":[],\"status\":\"OK\",\"next_url\":\"https://x/?apiKey=\(WireLoggingSource.apiKey)\"}".utf8)
                log.append(RawResponse(request: "/v3/trades/\(symbol)", status: 200, body: body))
                return []
            }
        }
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        var configuration = RecorderConfiguration(clock: Fixture.later)
        configuration.secrets = [WireLoggingSource.apiKey]
        let recorder = Recorder(archive: archive, source: EchoingSource(), configuration: configuration)
        await #expect {
            try await recorder.record(Fixture.mid, .trades, in: Fixture.window((9, 30), (9, 40)))
        } throws: { error in
            let error = error as? TapeDeckError
            return error?.code == .secretInResponse && error?.message.contains(WireLoggingSource.apiKey) == false
        }
        #expect(try archive.coverage(Fixture.mid, .trades).isEmpty)
        #expect(file.allBytes().range(of: Data(WireLoggingSource.apiKey.utf8)) == nil)
    }

    @Test func canonicalRequestDropsCredentials() {
        #expect(CanonicalRequest.redacted("/v3/trades/SPY?apiKey=abc&limit=5") == "/v3/trades/SPY?limit=5")
        #expect(CanonicalRequest.redacted("/v3/trades/SPY?API_KEY=abc") == "/v3/trades/SPY")
        #expect(CanonicalRequest.redacted("/v3/trades/SPY") == "/v3/trades/SPY")
    }

    @Test func readerReplaysWhileARecorderWritesAnotherSymbol() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let window = Fixture.window((9, 30), (10, 30))
        let other = try Symbol("MIDY")
        let simulator = SimulatorSource(seed: 7, profileOverrides: [Fixture.mid: .mid, other: .mid])
        let writer = try Archive(path: file.path)
        try await Recorder(archive: writer, source: simulator, configuration: RecorderConfiguration(clock: Fixture.later))
            .record(Fixture.mid, .quotes, in: window)
        let expected = try await simulator.quotes(Fixture.mid, in: window)
        let reader = try ArchiveSource(path: file.path)
        let recording = Task {
            try await Recorder(
                archive: writer, source: simulator,
                configuration: RecorderConfiguration(tickChunkDuration: 2 * Timestamp.nanosecondsPerMinute, clock: Fixture.later)
            ).record(other, .quotes, in: window)
        }
        var replays = 0
        while try reader.archive.coverage(other, .quotes).count < 30 || replays < 3 {
            let replayed = try await reader.quotes(Fixture.mid, in: window)
            #expect(replayed == expected)
            replays += 1
            if replays > 500 { break }
        }
        _ = try await recording.value
        #expect(try await reader.quotes(other, in: window) == (try await simulator.quotes(other, in: window)))
    }

    @Test func notRecordedNamesTheGapAndTheCommand() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try await Self.recordedArchive(file)  // MIDX trades 09:30-10:00
        let source = ArchiveSource(archive: archive)
        await #expect {
            _ = try await source.trades(Fixture.mid, in: Fixture.window((9, 30), (10, 15)))
        } throws: { error in
            let message = (error as? TapeDeckError)?.message ?? ""
            return (error as? TapeDeckError)?.code == .notRecorded
                && message.contains("MIDX trades for 2024-03-15T10:00:00-04:00 to 2024-03-15T10:15:00-04:00")
                && message.contains(
                    "tapedeck record --symbols MIDX --date 2024-03-15 --kinds trades --from 10:00 --to 10:15 --archive \(file.path)")
        }
        await #expect {
            _ = try await source.quotes(Fixture.spy, in: Fixture.window((15, 59), (16, 0)))
        } throws: { error in
            (error as? TapeDeckError)?.message.contains("--symbols SPY --date 2024-03-15 --kinds quotes --from 15:59 --to 16:00") == true
        }
    }

    @Test func recordCommandSpansDaysAndRoundsOutwards() throws {
        let window = TimeWindow(
            uncheckedStart: NewYorkTime.instant(Fixture.day, hour: 19, minute: 0).advanced(by: 30 * Timestamp.nanosecondsPerSecond),
            end: NewYorkTime.instant(Fixture.day.adding(days: 1), hour: 1, minute: 0))
        let command = RecordInvocation.filling(window, symbol: Fixture.spy, kind: .bars, archive: "my archive.sqlite")
        #expect(
            command
                == "tapedeck record --symbols SPY --date 2024-03-15 --kinds bars --from 19:00 --to 24:00 --archive 'my archive.sqlite' && tapedeck record --symbols SPY --date 2024-03-16 --kinds bars --from 00:00 --to 01:00 --archive 'my archive.sqlite'"
        )
    }
}
