import Foundation
import MarketData
import MarketSimulator
import TapeArchive
import Testing

/// `ArchiveSource.trades(_:in:inPieces:)` and `quotes(_:in:inPieces:)` hand over one segment at a time: the
/// same records as the whole replay, in order, in more than one piece, with an expected count that is at
/// least the total; a window that is not recorded is the same `notRecorded` error.
struct ArchivePiecesTests {
    @Test(arguments: [DataKind.trades, .quotes])
    func piecesAreTheReplayOneSegmentAtATime(kind: DataKind) async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let recorder = Recorder(
            archive: archive, source: SimulatorSource(seed: 3, profileOverrides: Fixture.overrides),
            configuration: RecorderConfiguration(tickChunkDuration: 5 * Timestamp.nanosecondsPerMinute, clock: Fixture.later))
        try await recorder.record(Fixture.mid, kind, in: Fixture.window((9, 30), (10, 0)))
        let source = ArchiveSource(archive: archive)
        // 09:32-09:57 cuts into the first and last segments (filtered) and spans four whole ones.
        let window = TimeWindow(uncheckedStart: Fixture.window((9, 32), (9, 33)).start, end: Fixture.window((9, 57), (9, 58)).start)
        let unrecorded = Fixture.window((10, 0), (10, 30))
        switch kind {
        case .trades:
            try await Self.check(source.trades(Fixture.mid, in: window), window) { try await source.trades(Fixture.mid, in: window, inPieces: $0) }
            await #expect(throws: TapeDeckError.self) {
                try await source.trades(Fixture.mid, in: unrecorded) { _, _ in Issue.record("no piece of an unrecorded window") }
            }
        default:
            try await Self.check(source.quotes(Fixture.mid, in: window), window) { try await source.quotes(Fixture.mid, in: window, inPieces: $0) }
            await #expect(throws: TapeDeckError.self) {
                try await source.quotes(Fixture.mid, in: unrecorded) { _, _ in Issue.record("no piece of an unrecorded window") }
            }
        }
    }

    static func check<Record: TapeOrdered & Equatable>(
        _ whole: [Record], _ window: TimeWindow, pieces fetch: (_ body: (_ piece: [Record], _ expected: Int) -> Void) async throws -> Void
    ) async throws {
        var pieces: [[Record]] = []
        var expected: Set<Int> = []
        try await fetch { piece, count in
            pieces.append(piece)
            expected.insert(count)
        }
        #expect(pieces.count == 6)
        #expect(Array(pieces.joined()) == whole)
        #expect(expected.count == 1 && expected.first! >= whole.count)
        #expect(whole.allSatisfy { window.contains($0.tapeTime) } && !whole.isEmpty)
    }
}
