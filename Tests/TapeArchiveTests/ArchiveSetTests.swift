import Foundation
import GRDB
import MarketData
import MarketSimulator
import PolygonWire
import TapeArchive
import Testing

/// Several archives as one, `archive merge`, `archive compact`, and foreign files.
struct ArchiveSetTests {
    /// An archive of MIDX trades over `window` recorded from the wire-logging source (seed 7).
    static func recorded(_ file: TemporaryArchive, _ window: TimeWindow, kind: DataKind = .trades, seed: UInt64 = 7) async throws -> Archive {
        let recorder = Recorder(
            archive: try Archive(path: file.path), source: WireLoggingSource(seed: seed, profileOverrides: Fixture.overrides),
            configuration: RecorderConfiguration(clock: Fixture.later))
        try await recorder.record(Fixture.mid, kind, in: window)
        return recorder.archive
    }

    @Test func severalArchivesReadAsOne() async throws {
        let (a, b) = (TemporaryArchive(), TemporaryArchive())
        defer { a.remove(); b.remove() }
        // Overlapping recordings: 09:30-10:10 and 10:00-10:30.
        _ = try await Self.recorded(a, Fixture.window((9, 30), (10, 10)))
        _ = try await Self.recorded(b, Fixture.window((10, 0), (10, 30)))
        let both = try ArchiveSource(paths: [a.path, b.path])
        let window = Fixture.window((9, 30), (10, 30))
        let expected = try await SimulatorSource(seed: 7, profileOverrides: Fixture.overrides).trades(Fixture.mid, in: window)
        #expect(try both.replay(Trade.self, Fixture.mid, in: window) == expected)
        // Each alone lacks part of the window, and says which command fills it.
        #expect(throws: TapeDeckError.self) { try ArchiveSource(path: a.path).replay(Trade.self, Fixture.mid, in: window) }
        await #expect {
            try await both.trades(Fixture.mid, in: Fixture.window((9, 0), (10, 30)))
        } throws: { error in
            let message = (error as? TapeDeckError)?.message ?? ""
            return message.contains("any of \(a.path), \(b.path)") && message.contains("tapedeck record")
        }
    }

    @Test func aDirectoryStandsForItsArchives() async throws {
        let directory = NSTemporaryDirectory() + "tapedeck-set-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: TapeDeckError.self) { try ArchiveSource(paths: [directory]) }
        let day1 = TemporaryArchive(path: directory + "/b-day.tapedeck")
        let day2 = TemporaryArchive(path: directory + "/a-day.tapedeck")
        _ = try await Self.recorded(day1, Fixture.window((9, 30), (9, 40)))
        _ = try await Self.recorded(day2, Fixture.window((9, 40), (9, 50)))
        #expect(FileManager.default.createFile(atPath: directory + "/notes.txt", contents: Data("not an archive".utf8)))
        let source = try ArchiveSource(paths: [directory])
        #expect(source.archives.map(\.path) == [day2.path, day1.path])
        #expect(try source.replay(Trade.self, Fixture.mid, in: Fixture.window((9, 30), (9, 50))).count > 0)
    }

    @Test func mergeUnitesCoverageKeepsDuplicatesOnceAndVerifies() async throws {
        let (a, b, out) = (TemporaryArchive(), TemporaryArchive(), TemporaryArchive())
        defer { a.remove(); b.remove(); out.remove() }
        _ = try await Self.recorded(a, Fixture.window((9, 30), (10, 10)))
        _ = try await Self.recorded(b, Fixture.window((10, 0), (10, 30)))
        _ = try await Self.recorded(b, Fixture.window((9, 30), (16, 0)), kind: .bars)
        let merged = try Archive(path: out.path)
        let report = try merged.merge([try Archive(path: a.path, readOnly: true), try Archive(path: b.path, readOnly: true)])
        #expect(report.duplicatesDropped > 0)
        let window = Fixture.window((9, 30), (10, 30))
        let expected = try await SimulatorSource(seed: 7, profileOverrides: Fixture.overrides).trades(Fixture.mid, in: window)
        #expect(try ArchiveSource(archive: merged).replay(Trade.self, Fixture.mid, in: window) == expected)
        #expect(try merged.gaps(Fixture.mid, .trades, in: window).isEmpty)
        let verify = try merged.verify()
        #expect(verify.isValid, "\(verify.problems)")
        #expect(verify.segmentsMatchedToResponses == verify.segments)
        #expect(try merged.conditionTable() == .builtIn)
        // Merging again changes nothing.
        let again = try merged.merge([try Archive(path: a.path, readOnly: true)])
        let inA = try ArchiveSource(path: a.path).replay(Trade.self, Fixture.mid, in: Fixture.window((9, 30), (10, 10)))
        #expect(again.duplicatesDropped == inA.count)
        #expect(try ArchiveSource(archive: merged).replay(Trade.self, Fixture.mid, in: window) == expected)
    }

    @Test func mergeRefusesConflictingRecordsAndTables() async throws {
        let (a, b, c, out) = (TemporaryArchive(), TemporaryArchive(), TemporaryArchive(), TemporaryArchive())
        defer { a.remove(); b.remove(); c.remove(); out.remove() }
        _ = try await Self.recorded(a, Fixture.window((9, 30), (9, 40)))
        _ = try await Self.recorded(b, Fixture.window((9, 30), (9, 40)), seed: 8)  // another market, same keys
        let merged = try Archive(path: out.path)
        #expect {
            try merged.merge([try Archive(path: a.path, readOnly: true), try Archive(path: b.path, readOnly: true)])
        } throws: { error in
            let error = error as? TapeDeckError
            return error?.code == .conflictingRecords && error!.message.contains(a.path) && error!.message.contains(b.path)
        }
        // A different conditions table.
        let other = try Archive(path: c.path)
        try other.storeConditionTable(
            responses: [
                RawResponse(
                    request: "/v3/reference/conditions", status: 200,
                    body: WireEncoder.conditionsPage([TradeCondition(id: 37, name: "Odd Lot Trade", consolidated: .none)], requestID: "c"))
            ],
            recordedAt: Fixture.later.now())
        #expect {
            try ArchiveSource(archives: [try Archive(path: a.path, readOnly: true), try Archive(path: c.path, readOnly: true)]).commonConditionTable()
        } throws: { error in
            let message = (error as? TapeDeckError)?.message ?? ""
            return message.contains(a.path) && message.contains(c.path) && message.contains("built-in") && message.contains("recorded")
        }
    }

    @Test func compactDropsResponsesAfterVerifyingAndReplaysTheSame() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let window = Fixture.window((9, 30), (10, 30))
        let archive = try await Self.recorded(file, window)
        let before = try ArchiveSource(archive: archive).replay(Trade.self, Fixture.mid, in: window)
        let report = try archive.compact(at: Fixture.later.now())
        #expect(report.responsesDropped > 0 && report.segmentsMatched > 0)
        #expect(report.bytesAfter < report.bytesBefore)
        #expect(try ArchiveSource(archive: archive).replay(Trade.self, Fixture.mid, in: window) == before)
        let verify = try archive.verify()
        #expect(verify.isValid && verify.compacted && verify.responses == 0)
        #expect(try archive.conditionTable() == .builtIn)
        #expect(try archive.rebuildSegments() == 0)
    }

    @Test func compactRefusesADamagedArchiveAndDropsNothing() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try await Self.recorded(file, Fixture.window((9, 30), (10, 0)))
        _ = try ArchiveIntegrityTests.flipByte(archive, table: "segments", column: "payload")
        #expect(throws: TapeDeckError.self) { try archive.compact() }
        #expect(try archive.verify().responses > 0)
    }

    @Test func aForeignSQLiteDatabaseIsRefusedUntouched() throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let queue = try DatabaseQueue(path: file.path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('ada')") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: file.path))
        for readOnly in [false, true] {
            #expect {
                _ = try Archive(path: file.path, readOnly: readOnly)
            } throws: { error in
                (error as? TapeDeckError)?.message.contains("not a TapeDeck archive") == true
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == before)
        #expect(!FileManager.default.fileExists(atPath: file.path + "-wal"))
    }
}
