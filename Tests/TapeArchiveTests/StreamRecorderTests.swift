import Foundation
import MarketData
import PolygonWire
import TapeArchive
import TapeCodec
import Testing

/// The stream recorder's coverage rules on hand-made feed messages: where a connection's coverage starts
/// and ends, the gap between connections, late events, windows it must not replace, and `until`.
struct StreamRecorderTests {
    static let symbol = try! Symbol("AAA")
    static let day = try! LocalDate(parsing: "2024-03-15")

    /// 2024-03-15 at `hour:minute:second.millisecond` New York time.
    static func at(_ hour: Int, _ minute: Int, _ second: Int = 0, _ millisecond: Int = 0) -> Timestamp {
        NewYorkTime.instant(day, hour: hour, minute: minute).advanced(
            by: Int64(second) * Timestamp.nanosecondsPerSecond + Int64(millisecond) * Timestamp.nanosecondsPerMillisecond)
    }

    static func trade(_ time: Timestamp, _ sequence: Int64) -> FeedMessage {
        .event(.trade(symbol, Trade(sipTimestamp: time, price: 10, size: 100, exchange: 4, id: TradeID(sequence), sequenceNumber: sequence)))
    }

    static func quote(_ time: Timestamp, _ sequence: Int64) -> FeedMessage {
        .event(
            .quote(
                symbol,
                Quote(sipTimestamp: time, bidPrice: 9.99, bidSize: 1, bidExchange: 4, askPrice: 10.01, askSize: 2, askExchange: 7, sequenceNumber: sequence)
            ))
    }

    static func minuteBar(_ start: Timestamp) -> FeedMessage {
        let bar = Bar(start: start, open: 10, high: 10.5, low: 9.5, close: 10.25, volume: 300, vwap: 10.1)
        return .event(
            .aggregate(
                FeedAggregate(
                    span: .minute, symbol: symbol, bar: bar, start: start, end: start.advanced(by: Timestamp.nanosecondsPerMinute),
                    accumulatedVolume: 300, officialOpen: 10, dayVWAP: 10.1)))
    }

    static func recorder(_ archive: Archive, until: Timestamp? = nil) -> StreamRecorder {
        var configuration = StreamRecorder.Configuration(symbols: [symbol], kinds: [.trades, .quotes, .bars])
        configuration.clock = .fixed(at(20, 0).advanced(by: Timestamp.nanosecondsPerDay))
        configuration.until = until
        return StreamRecorder(archive: archive, configuration: configuration)
    }

    static func windows(_ archive: Archive, _ kind: DataKind) throws -> [TimeWindow] {
        try archive.coverage(symbol, kind).map { TimeWindow(uncheckedStart: Timestamp(nanoseconds: $0.start), end: Timestamp(nanoseconds: $0.end)) }
    }

    /// Two connections: each covers from a millisecond after its first event to its clock less the 2 s
    /// lateness, the time between them is a gap, and what fell in the gap or arrived late is not stored.
    @Test func connectionsAreCoverageAndTheTimeBetweenIsAGap() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let recorder = Self.recorder(archive)

        await recorder.connected()
        try await recorder.receive([Self.trade(Self.at(10, 0, 0, 500), 1), Self.trade(Self.at(10, 1), 2), Self.quote(Self.at(10, 3), 1)])
        try await recorder.receive([Self.minuteBar(Self.at(10, 0)), Self.minuteBar(Self.at(10, 1))])
        try await recorder.receive([Self.trade(Self.at(10, 6), 3)])
        // The clock is 10:06: whole 5-minute chunks up to 10:05:58 are committed.
        #expect(try Self.windows(archive, .trades) == [TimeWindow(uncheckedStart: Self.at(10, 0, 0, 501), end: Self.at(10, 5))])
        try await recorder.disconnected()

        await recorder.connected()
        try await recorder.receive([Self.trade(Self.at(10, 20, 0, 250), 4), Self.trade(Self.at(10, 21), 5), Self.trade(Self.at(10, 30), 6)])
        try await recorder.receive([Self.trade(Self.at(10, 24, 59), 7)])  // the window up to 10:25 is committed: late
        try await recorder.disconnected()

        let trades = ChunkPlanProbe.merged(try Self.windows(archive, .trades))
        #expect(
            trades == [
                TimeWindow(uncheckedStart: Self.at(10, 0, 0, 501), end: Self.at(10, 5, 58)),
                TimeWindow(uncheckedStart: Self.at(10, 20, 0, 251), end: Self.at(10, 29, 58)),
            ])
        // Bars count by their start, from the first whole minute after the first event, to the clock
        // less a minute and the lateness, in whole minutes.
        #expect(ChunkPlanProbe.merged(try Self.windows(archive, .bars)).first == TimeWindow(uncheckedStart: Self.at(10, 1), end: Self.at(10, 4)))

        let replay = ArchiveSource(archive: archive)
        let first = try replay.replay(Trade.self, Self.symbol, in: trades[0]).map(\.sequenceNumber)
        let second = try replay.replay(Trade.self, Self.symbol, in: trades[1]).map(\.sequenceNumber)
        #expect(first == [2], "1 is in the first millisecond, 3 after the coverage")
        #expect(second == [5], "4 is in the first millisecond, 6 after the coverage, 7 late")
        #expect(try replay.replay(Bar.self, Self.symbol, in: TimeWindow(uncheckedStart: Self.at(10, 1), end: Self.at(10, 4))).map(\.start) == [Self.at(10, 1)])
        #expect(throws: TapeDeckError.self) {
            _ = try replay.replay(Trade.self, Self.symbol, in: TimeWindow(uncheckedStart: Self.at(10, 1), end: Self.at(10, 21)))
        }
        let summary = await recorder.summary
        #expect(summary.connections == 2 && summary.lateEvents == 1)
        let info = try archive.info()
        #expect(info.schemaVersion == 3 && info.entries.allSatisfy(\.streamed))
    }

    /// A window the archive already covers keeps what it has: the stream fills only the rest.
    @Test func recordedWindowsAreNeverReplaced() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let rest = Trade(sipTimestamp: Self.at(10, 1, 0, 123), price: 11, size: 5, exchange: 1, id: TradeID(99), sequenceNumber: 99)
        let restWindow = TimeWindow(uncheckedStart: Self.at(10, 0), end: Self.at(10, 3))
        try archive.commit(
            RecordedChunk(
                symbol: Self.symbol, kind: .trades, day: Self.day, window: restWindow, segment: SegmentCodec.encode([rest]), responses: [],
                recordedAt: Self.at(20, 0), sessionClosed: true))

        let recorder = Self.recorder(archive)
        await recorder.connected()
        try await recorder.receive([Self.trade(Self.at(9, 59), 1), Self.trade(Self.at(10, 1), 2), Self.trade(Self.at(10, 4), 3)])
        try await recorder.disconnected()

        let rows = try archive.coverage(Self.symbol, .trades)
        #expect(rows.map(\.origin) == [.stream, .rest, .stream], "the stream filled [09:59:00.001, 10:00) and [10:03, 10:03:58) around it")
        let replay = ArchiveSource(archive: archive)
        #expect(try replay.replay(Trade.self, Self.symbol, in: restWindow) == [rest])
        #expect(try replay.replay(Trade.self, Self.symbol, in: TimeWindow(uncheckedStart: Self.at(10, 3), end: Self.at(10, 3, 58))).map(\.sequenceNumber) == [])
    }

    /// With `until`, coverage ends exactly there and the recorder says it is done once bars caught up.
    @Test func untilEndsCoverageExactly() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let recorder = Self.recorder(archive, until: Self.at(10, 10))
        await recorder.connected()
        try await recorder.receive([Self.trade(Self.at(10, 0, 0, 1), 1), Self.trade(Self.at(10, 9, 59, 999), 2), Self.trade(Self.at(10, 10), 3)])
        #expect(await recorder.isDone == false, "the clock must pass 10:10 by the lateness (bars: by a minute more)")
        try await recorder.receive([Self.trade(Self.at(10, 11, 2), 4)])
        #expect(await recorder.isDone)
        #expect(ChunkPlanProbe.merged(try Self.windows(archive, .trades)).last?.end == Self.at(10, 10))
        #expect(ChunkPlanProbe.merged(try Self.windows(archive, .bars)).last?.end == Self.at(10, 10))
        let replay = ArchiveSource(archive: archive)
        #expect(
            try replay.replay(Trade.self, Self.symbol, in: TimeWindow(uncheckedStart: Self.at(10, 0, 0, 2), end: Self.at(10, 10))).map(\.sequenceNumber) == [2])
    }

    /// `end_of_replay` means the feed sent its whole day: coverage reaches the post-market close.
    @Test func theFeedsEndCoversTheRestOfItsDay() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let archive = try Archive(path: file.path)
        let recorder = Self.recorder(archive)
        await recorder.connected()
        try await recorder.receive([Self.trade(Self.at(19, 58), 1), Self.trade(Self.at(19, 59), 2)])
        try await recorder.feedEnded()
        #expect(ChunkPlanProbe.merged(try Self.windows(archive, .trades)).last?.end == Self.at(20, 0))
        #expect(ChunkPlanProbe.merged(try Self.windows(archive, .bars)).last?.end == Self.at(20, 0))
    }
}

/// Schema 3 added `coverage.origin`: a schema-2 archive (the committed sample) reads unchanged, and takes
/// `rest` for every chunk when opened for writing.
struct ChunkOriginMigrationTests {
    @Test func aSchema2ArchiveReadsAndMigratesAsREST() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("recordings/sample-2024-03-15.tapedeck").path
        let copy = TemporaryArchive()
        defer { copy.remove() }
        try FileManager.default.copyItem(atPath: sample, toPath: copy.path)
        let symbol = try Symbol("ETSY")
        let readOnly = try Archive(path: copy.path, readOnly: true)
        #expect(try readOnly.info().schemaVersion == 2)
        #expect(try readOnly.coverage(symbol, .trades).allSatisfy { $0.origin == nil })
        let migrated = try Archive(path: copy.path)
        #expect(try migrated.info().schemaVersion == 3)
        let rows = try migrated.coverage(symbol, .trades)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.origin == .rest })
        #expect(try migrated.info().entries.allSatisfy { !$0.streamed })
    }
}

/// Adjacent coverage windows joined, for comparing coverage whatever its chunking.
enum ChunkPlanProbe {
    static func merged(_ windows: [TimeWindow]) -> [TimeWindow] {
        var result: [TimeWindow] = []
        for window in windows.sorted(by: { $0.start < $1.start }) {
            if let last = result.last, window.start <= last.end {
                result[result.count - 1] = TimeWindow(uncheckedStart: last.start, end: max(last.end, window.end))
            } else {
                result.append(window)
            }
        }
        return result
    }
}
