import Foundation
import MarketData
import MarketSimulator
import PolygonClient
import SimulatorServer
import TapeArchive
import Testing

/// The real pipeline: the simulator served over HTTP, fetched by the live `PolygonClient`, recorded by the
/// `Recorder`, replayed by `ArchiveSource` — on loopback only, with the server started here.
@Suite(.serialized)
struct RecordingEndToEndTests {
    static let key = "e2e-secret-key-7f3a9c"
    static let simulator = MarketSimulator(seed: 42, profileOverrides: [try! Symbol("MIDE"): .mid])
    static let symbol = try! Symbol("MIDE")
    static let window = try! TimeWindow(start: Timestamp(parsing: "2024-03-15 09:30"), end: Timestamp(parsing: "2024-03-15 11:00"))

    /// A running server and a client pointed at it.
    struct Harness {
        let server: SimulatorServer
        let task: Task<Void, any Error>
        let client: PolygonClient

        static func start(faults: FaultPlan = FaultPlan()) async throws -> Harness {
            var configuration = ServerConfiguration()
            configuration.apiKey = RecordingEndToEndTests.key
            configuration.faults = faults
            let server = SimulatorServer(source: SimulatorSource(simulator: RecordingEndToEndTests.simulator), configuration: configuration)
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let task = Task { try await server.run { continuation.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            var client = PolygonClient.Configuration(baseURL: "http://127.0.0.1:\(port)", apiKey: APIKey(RecordingEndToEndTests.key))
            client.volumeLookbackDays = 1
            client.retry.baseDelay = .milliseconds(5)
            return Harness(server: server, task: task, client: try PolygonClient(configuration: client))
        }

        func stop() async {
            task.cancel()
            _ = try? await task.value
        }
    }

    static func recorder(_ archive: Archive, _ source: any RecordableSource, mode: RecordingMode = .new) -> Recorder {
        Recorder(
            archive: archive, source: source, mode: mode,
            configuration: RecorderConfiguration(tickChunkDuration: 10 * Timestamp.nanosecondsPerMinute).withSecrets([key]))
    }

    @Test func recordStopTheServerReplayBitIdentical() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let harness = try await Harness.start()
        let liveTrades = try await harness.client.trades(Self.symbol, in: Self.window)
        let liveQuotes = try await harness.client.quotes(Self.symbol, in: Self.window)
        let liveBars = try await harness.client.bars(Self.symbol, in: Self.window)
        let recorder = Self.recorder(try Archive(path: file.path), harness.client)
        for kind in DataKind.allCases { try await recorder.record(Self.symbol, kind, in: Self.window) }
        await harness.stop()

        let replay = try ArchiveSource(path: file.path)
        let trades = try await replay.trades(Self.symbol, in: Self.window)
        let quotes = try await replay.quotes(Self.symbol, in: Self.window)
        let bars = try await replay.bars(Self.symbol, in: Self.window)
        #expect(trades == liveTrades)
        #expect(quotes == liveQuotes)
        #expect(bars == liveBars)
        #expect(trades.map(\.price.bitPattern) == liveTrades.map(\.price.bitPattern))
        #expect(trades == Self.simulator.trades(Self.symbol, in: Self.window))
        #expect(trades.count > 500 && quotes.count > 5_000 && bars.count == 90)
        // A sub-window replays as the same slice.
        let slice = try TimeWindow(start: Timestamp(parsing: "2024-03-15 10:07:13"), end: Timestamp(parsing: "2024-03-15 10:31"))
        #expect(try await replay.trades(Self.symbol, in: slice) == liveTrades.filter { slice.contains($0.sipTimestamp) })

        let report = try Archive(path: file.path, readOnly: true).verify()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.responses > 0 && report.segmentsMatchedToResponses == report.segments)
        // The key's bytes are nowhere in the file.
        let bytes = file.allBytes()
        #expect(bytes.range(of: Data(Self.key.utf8)) == nil)
    }

    @Test func interruptedRecordingVerifiesAndResumesWithOnlyTheMissingRequests() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let harness = try await Harness.start(faults: try FaultPlan(parsing: "5xx=0.05,drop=0.05,truncate=0.03,delay=0.2:20ms,seed=3"))
        let archive = try Archive(path: file.path)
        let recorder = Self.recorder(archive, harness.client)
        let day = try TimeWindow(start: Timestamp(parsing: "2024-03-15 04:00"), end: Timestamp(parsing: "2024-03-15 20:00"))
        // Cancel the recording once a few chunks are committed.
        let task = Task { try await recorder.record(Self.symbol, .quotes, in: day) }
        while try archive.coverage(Self.symbol, .quotes).count < 8 { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        _ = try? await task.value

        let interrupted = try Archive(path: file.path, readOnly: true).verify()
        #expect(interrupted.problems.isEmpty, "\(interrupted.problems)")
        let gaps = try archive.gaps(Self.symbol, .quotes, in: day)
        #expect(!gaps.isEmpty)
        let covered = try archive.coverage(Self.symbol, .quotes).count

        await harness.server.statistics.reset()
        try await recorder.record(Self.symbol, .quotes, in: day)
        let log = await harness.server.statistics.requestLog
        let quoteRequests = log.filter { $0.hasPrefix("/v3/quotes/") }
        #expect(!quoteRequests.isEmpty)
        for request in quoteRequests {
            // Every request of the re-run lies inside what was missing: nothing recorded is fetched again.
            let query = Dictionary(
                uniqueKeysWithValues: request.split(separator: "?")[1].split(separator: "&").map {
                    let pair = $0.split(separator: "=", maxSplits: 1)
                    return (String(pair[0]), String(pair.count > 1 ? pair[1] : ""))
                })
            if query["cursor"] != nil { continue }  // a follow-up page of a first request checked here
            let start = try #require(Int64(query["timestamp.gte"] ?? ""))
            let end = try #require(Int64(query["timestamp.lt"] ?? ""))
            #expect(gaps.contains { $0.start.nanoseconds <= start && end <= $0.end.nanoseconds }, "\(request)")
        }
        #expect(try archive.coverage(Self.symbol, .quotes).count > covered)
        #expect(try archive.gaps(Self.symbol, .quotes, in: day).isEmpty)
        await harness.stop()
        #expect(try await ArchiveSource(path: file.path).quotes(Self.symbol, in: day) == Self.simulator.quotes(Self.symbol, in: day))
        #expect(try Archive(path: file.path, readOnly: true).verify().problems.isEmpty)
    }

    @Test func modeNoneNeverOpensAConnection() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let harness = try await Harness.start()
        let recorder = Self.recorder(try Archive(path: file.path), harness.client, mode: .none)
        for kind in DataKind.allCases { try await recorder.record(Self.symbol, kind, in: Self.window) }
        #expect(await harness.server.statistics.totalRequests == 0)
        await harness.stop()
    }
}
