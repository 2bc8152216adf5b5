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

    /// Archives read as one, one per symbol (a directory of them): a symbol's window comes from the one
    /// archive that holds it, still a segment at a time; a window that two archives hold is merged.
    @Test func oneArchiveOfSeveralStillHandsOverSegments() async throws {
        let (mine, other, overlap) = (TemporaryArchive(), TemporaryArchive(), TemporaryArchive())
        defer { for file in [mine, other, overlap] { file.remove() } }
        let configuration = RecorderConfiguration(tickChunkDuration: 5 * Timestamp.nanosecondsPerMinute, clock: Fixture.later)
        let source = SimulatorSource(seed: 3, profileOverrides: Fixture.overrides)
        try await Recorder(archive: try Archive(path: mine.path), source: source, configuration: configuration)
            .record(Fixture.mid, .quotes, in: Fixture.window((9, 30), (10, 0)))
        try await Recorder(archive: try Archive(path: other.path), source: source, configuration: configuration)
            .record(Fixture.aapl, .quotes, in: Fixture.window((9, 30), (10, 0)))
        let window = TimeWindow(uncheckedStart: Fixture.window((9, 32), (9, 33)).start, end: Fixture.window((9, 57), (9, 58)).start)
        let both = try ArchiveSource(paths: [other.path, mine.path])
        try await Self.check(ArchiveSource(path: mine.path).quotes(Fixture.mid, in: window), window) {
            try await both.quotes(Fixture.mid, in: window, inPieces: $0)
        }
        // A third archive holding part of the same window: merged, one piece, the same quotes.
        try await Recorder(archive: try Archive(path: overlap.path), source: source, configuration: configuration)
            .record(Fixture.mid, .quotes, in: Fixture.window((9, 50), (10, 0)))
        let three = try ArchiveSource(paths: [other.path, mine.path, overlap.path])
        var pieces = 0
        var merged: [Quote] = []
        try await three.quotes(Fixture.mid, in: window) { piece, _ in
            pieces += 1
            merged += piece
        }
        #expect(pieces == 1)
        #expect(merged == (try await ArchiveSource(path: mine.path).quotes(Fixture.mid, in: window)))
    }

    /// `coverage(_:_:overlapping:)` keeps the rows that share time with the window, not those that only
    /// touch it.
    @Test func coverageOverlappingAWindow() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let configuration = RecorderConfiguration(tickChunkDuration: 5 * Timestamp.nanosecondsPerMinute, clock: Fixture.later)
        try await Recorder(archive: archive, source: SimulatorSource(seed: 3, profileOverrides: Fixture.overrides), configuration: configuration)
            .record(Fixture.mid, .trades, in: Fixture.window((9, 30), (10, 0)))
        let all = try archive.coverage(Fixture.mid, .trades)
        #expect(!all.isEmpty)
        for window in [Fixture.window((9, 0), (9, 30)), Fixture.window((9, 40), (9, 41)), Fixture.window((9, 59), (10, 30)), Fixture.window((10, 0), (11, 0))] {
            let expected = all.filter { $0.end > window.start.nanoseconds && $0.start < window.end.nanoseconds }
            #expect(try archive.coverage(Fixture.mid, .trades, overlapping: window).map(\.id) == expected.map(\.id), "\(window)")
        }
        #expect(try archive.coverage(Fixture.mid, .trades, overlapping: Fixture.window((10, 0), (11, 0))).isEmpty)
        #expect(try archive.coverage(Fixture.mid, .trades, overlapping: Fixture.window((9, 59), (10, 30))).count == 1)
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
