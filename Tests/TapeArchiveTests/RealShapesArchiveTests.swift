import Foundation
import GRDB
import MarketData
import MarketSimulator
import PolygonWire
import Synchronization
import TapeArchive
import TapeCodec
import Testing

/// What the real API does that the simulator never did: ties in any order, repeated records, fractional
/// sizes, and the conditions table an archive must carry.
struct RealShapesArchiveTests {
    /// The simulator's trades, with every run of equal SIP timestamps reversed (Polygon sorts pages by
    /// time only) and the chunk's first record sent twice (overlapping pages).
    struct TieShufflingSource: InProcessSource {
        let simulator = SimulatorSource(seed: 3)

        func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
            try await simulator.bars(symbol, in: window)
        }

        func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
            var trades = RealShapesArchiveTests.reversingTies(try await simulator.trades(symbol, in: window))
            if let first = trades.first { trades.append(first) }
            return trades
        }

        func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
            RealShapesArchiveTests.reversingTies(try await simulator.quotes(symbol, in: window))
        }
    }

    static func reversingTies<Record: TapeOrdered>(_ records: [Record]) -> [Record] {
        var result: [Record] = []
        var start = 0
        while start < records.count {
            var end = start + 1
            while end < records.count, records[end].tapeTime == records[start].tapeTime { end += 1 }
            result += records[start..<end].reversed()
            start = end
        }
        return result
    }

    @Test func tiesInAnyOrderAndRepeatsAreStoredInTapeOrder() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let window = Fixture.window((9, 30), (9, 40))
        let expected = try await SimulatorSource(seed: 3).trades(Fixture.spy, in: window)
        // The window really has ties, or this test proves nothing.
        let ties = zip(expected, expected.dropFirst()).filter { $0.sipTimestamp == $1.sipTimestamp }.count
        #expect(ties > 10)
        let recorder = Recorder(
            archive: try Archive(path: file.path), source: TieShufflingSource(),
            configuration: RecorderConfiguration(tickChunkDuration: 5 * Timestamp.nanosecondsPerMinute, clock: Fixture.later))
        let summary = try await recorder.record(Fixture.spy, .trades, in: window)
        #expect(summary.duplicatesDropped == 2)  // one per chunk
        #expect(summary.records == expected.count)
        #expect(try ArchiveSource(archive: recorder.archive).replay(Trade.self, Fixture.spy, in: window) == expected)
        #expect(try recorder.archive.verify().isValid)
    }

    @Test func segmentsRecordedOutOfOrderAreFlaggedAndRebuilt() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let window = Fixture.window((9, 30), (9, 35))
        let recorder = Recorder(
            archive: try Archive(path: file.path), source: WireLoggingSource(seed: 3),
            configuration: RecorderConfiguration(clock: Fixture.later))
        try await recorder.record(Fixture.spy, .trades, in: window)
        let archive = recorder.archive
        let sorted = try ArchiveSource(archive: archive).replay(Trade.self, Fixture.spy, in: window)
        // What an older TapeDeck stored from a tie-shuffled page: the records in arrival order.
        let segment = SegmentCodec.encode(Self.reversingTies(sorted))
        try await archive.pool.write { db in
            try db.execute(
                sql: "UPDATE segments SET payload = ?, sha256 = ?, rawSize = ?",
                arguments: [Data(segment.payload), Archive.sha256(segment.payload), segment.rawSize])
        }
        let report = try archive.verify()
        #expect(
            report.problems.contains {
                $0.contains("not in (SIP time, sequence number) order") && $0.contains("tapedeck archive rebuild")
            }, "\(report.problems)")
        #expect(try archive.rebuildSegments() == 1)
        #expect(try archive.verify().isValid)
        #expect(try ArchiveSource(archive: archive).replay(Trade.self, Fixture.spy, in: window) == sorted)
    }

    /// Fractional volumes and sizes, as the real API now sends them, survive wire, archive and export.
    struct FractionalSource: LoggingFake {
        static let start = NewYorkTime.instant(Fixture.day, hour: 9, minute: 30)

        func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Bar] {
            let body = Array(
                #"{"ticker":"SPY","queryCount":1,"resultsCount":1,"adjusted":false,"results":[{"v":9099.618093,"vw":512.3301,"o":512.3,"c":512.31,"h":512.35,"l":512.29,"t":1710509400000,"n":57}],"status":"OK","request_id":"r1","count":1}"#
                    .utf8)
            log.append(RawResponse(request: "/v2/aggs/ticker/SPY/range/1/minute/a/b", status: 200, body: body))
            return try WireDecoder.aggsPage(body).results.filter { window.contains($0.start) }
        }

        func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Trade] {
            let body = Array(
                #"{"results":[{"exchange":11,"id":"1","participant_timestamp":1710509400000000000,"price":512.3,"sequence_number":1,"sip_timestamp":1710509400000100000,"size":0.5,"tape":2},{"conditions":[37],"exchange":12,"id":"2","participant_timestamp":1710509401000000000,"price":512.31,"sequence_number":2,"sip_timestamp":1710509401000100000,"size":1234.567891,"tape":2}],"status":"OK","request_id":"r2"}"#
                    .utf8)
            log.append(RawResponse(request: "/v3/trades/SPY?timestamp.gte=1", status: 200, body: body))
            return try WireDecoder.tradesPage(body).results.filter { window.contains($0.sipTimestamp) }
        }

        func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Quote] { [] }
    }

    @Test func fractionalSizesRoundTripThroughArchiveAndExport() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let window = Fixture.window((9, 30), (9, 35))
        let recorder = Recorder(
            archive: try Archive(path: file.path), source: FractionalSource(), configuration: RecorderConfiguration(clock: Fixture.later))
        try await recorder.record(Fixture.spy, .bars, in: window)
        try await recorder.record(Fixture.spy, .trades, in: window)
        let replay = ArchiveSource(archive: recorder.archive)
        let bars = try replay.replay(Bar.self, Fixture.spy, in: window)
        let trades = try replay.replay(Trade.self, Fixture.spy, in: window)
        #expect(bars.map(\.volume.bitPattern) == [Double(9099.618093).bitPattern])
        #expect(trades.map(\.size.bitPattern) == [Double(0.5).bitPattern, Double(1234.567891).bitPattern])
        var lines: [String] = []
        try recorder.archive.export(Fixture.spy, .bars, format: .jsonl) { lines.append($0) }
        try recorder.archive.export(Fixture.spy, .trades, format: .csv) { lines.append($0) }
        #expect(lines[0].contains(#""v":9099.618093"#))
        #expect(lines[2].contains(",0.5,") && lines[3].contains(",1234.567891,"))
        #expect(try recorder.archive.verify().isValid)
    }

    /// A source whose conditions table comes from a logged `/v3/reference/conditions` page, like the
    /// live client's; it counts how often it was asked.
    final class ConditionsSource: LoggingFake, Sendable {
        let simulator = SimulatorSource(seed: 3)
        let asked = Mutex(0)
        static let table = TradeConditionTable.recorded([
            TradeCondition(id: 37, name: "Odd Lot Trade", consolidated: .none),
            TradeCondition(id: 12, name: "Form T", consolidated: .volumeOnly),
        ])

        func conditionTable(log: ResponseLog) async throws -> TradeConditionTable {
            asked.withLock { $0 += 1 }
            let body = WireEncoder.conditionsPage(Self.table.conditions, requestID: "c1")
            log.append(
                RawResponse(request: "/v3/reference/conditions?asset_class=stocks&data_type=trade&limit=1000", status: 200, body: body))
            return try TradeConditionTable.recorded(WireDecoder.conditionsPage(body).results)
        }

        func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Bar] {
            try await simulator.bars(symbol, in: window)
        }
        func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Trade] {
            try await simulator.trades(symbol, in: window)
        }
        func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Quote] {
            try await simulator.quotes(symbol, in: window)
        }
    }

    @Test func theConditionsTableIsRecordedOncePerArchiveAndReplayed() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let source = ConditionsSource()
        let recorder = Recorder(
            archive: try Archive(path: file.path), source: source, configuration: RecorderConfiguration(clock: Fixture.later))
        try await recorder.record(Fixture.spy, .trades, in: Fixture.window((9, 30), (9, 31)))
        try await recorder.record(Fixture.spy, .bars, in: Fixture.window((9, 30), (9, 31)))
        #expect(source.asked.withLock { $0 } == 1)
        let replayed = try await ArchiveSource(path: file.path).conditionTable()
        #expect(replayed == ConditionsSource.table)
        #expect(replayed.eligibility(of: 37) == .none)
        let info = try Archive(path: file.path, readOnly: true).info()
        #expect(info.conditions.hasPrefix("recorded from /v3/reference/conditions (2 conditions, \(ConditionsSource.table.fingerprint))"))
        #expect(try Archive(path: file.path, readOnly: true).verify().conditionTable == ConditionsSource.table)
    }

    @Test func inProcessSourcesRecordTheBuiltInTableAndOlderArchivesFallBackToIt() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let recorder = Recorder(
            archive: try Archive(path: file.path), source: SimulatorSource(seed: 3), configuration: RecorderConfiguration(clock: Fixture.later))
        try await recorder.record(Fixture.spy, .trades, in: Fixture.window((9, 30), (9, 31)))
        #expect(try recorder.archive.conditionTable() == .builtIn)
        #expect(try recorder.archive.info().conditions.hasPrefix("built-in (33 conditions"))
        // An archive of schema 1 has no table: readers use the built-in one and say so.
        try await recorder.archive.pool.write { db in try db.execute(sql: "DELETE FROM conditions") }
        #expect(try recorder.archive.conditionTable() == nil)
        #expect(try await ArchiveSource(archive: recorder.archive).conditionTable() == .builtIn)
        #expect(try recorder.archive.info().conditions.hasPrefix("none stored"))
    }

    @Test func aKeyTooShortToCheckIsRefusedPlainly() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        var configuration = RecorderConfiguration(clock: Fixture.later)
        configuration.secrets = ["abc"]
        let recorder = Recorder(archive: try Archive(path: file.path), source: WireLoggingSource(seed: 3), configuration: configuration)
        await #expect {
            try await recorder.record(Fixture.spy, .trades, in: Fixture.window((9, 30), (9, 31)))
        } throws: { error in
            let message = (error as? TapeDeckError)?.message ?? ""
            return message.contains("3 characters, too few to check responses for leaks") && !message.contains("abc")
        }
        #expect(throws: TapeDeckError.self) { try Recorder.checkSecretsAreCheckable(["short"]) }
        try Recorder.checkSecretsAreCheckable([String(repeating: "k", count: 32), ""])
    }
}
