import Benchmark
import Foundation
import MarketData
import MarketSimulator
import PolygonClient
import SimulatorServer
import TapeArchive

/// Recording a simulated very liquid (SPY-like) full day, 04:00-20:00, the way `tapedeck record` does it:
/// Recorder → PolygonClient → an in-process SimulatorServer on loopback, into a fresh archive each
/// iteration. Peak resident memory shows that recording streams to disk (compare ClientBenchmarks, which
/// holds the whole day in memory); it includes the server's share. Three custom metrics give what the
/// archive holds per 1000 records: Polygon JSON bytes, stored (zlib) response bytes and segment bytes.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident] + RecordFixture.sizeMetrics,
        scalingFactor: .one,
        maxDuration: .seconds(60),
        maxIterations: 3
    )

    for kind in [DataKind.trades, .quotes] {
        Benchmark("Record:VeryLiquidDay:\(kind.rawValue):HTTP") { benchmark in
            let client = try await RecordFixture.shared.client()
            benchmark.startMeasurement()
            var sizes: [Int] = []
            for _ in benchmark.scaledIterations {
                sizes = try await RecordFixture.record(kind, from: client)
            }
            benchmark.stopMeasurement()
            for (metric, value) in zip(RecordFixture.sizeMetrics, sizes) { benchmark.measurement(metric, value) }
        }
    }
}

/// One server and one client for the whole run.
actor RecordFixture {
    static let shared = RecordFixture()
    static let symbol = try! Symbol("SPY")
    private var cached: PolygonClient?
    private var task: Task<Void, any Error>?

    static func day() throws -> TimeWindow {
        try TimeWindow(start: Timestamp(parsing: "2024-03-15 04:00"), end: Timestamp(parsing: "2024-03-15 20:00"))
    }

    static let sizeMetrics = ["JSON B/1000 records", "stored responses B/1000 records", "segment B/1000 records"].map {
        BenchmarkMetric.custom($0, polarity: .prefersSmaller, useScalingFactor: false)
    }

    /// Records one day of `kind` into a new temporary archive, deletes it, and returns the
    /// ``sizeMetrics`` values.
    @discardableResult
    static func record(_ kind: DataKind, from client: PolygonClient) async throws -> [Int] {
        let path = NSTemporaryDirectory() + "record-bench-\(UUID().uuidString).tapedeck"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let archive = try Archive(path: path)
        let summary = try await Recorder(archive: archive, source: client).record(symbol, kind, in: day())
        let stored = try archive.info().entries.filter { $0.kind == kind.rawValue }.reduce(0) { $0 + $1.responseBytes }
        return [summary.responseBytes, stored, summary.segmentBytes].map { $0 * 1000 / max(summary.records, 1) }
    }

    func client() async throws -> PolygonClient {
        if let cached { return cached }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = SimulatorServer(source: SimulatorSource(seed: 1, profileOverrides: [Self.symbol: .veryLiquid]))
        task = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        let client = try PolygonClient(configuration: .init(baseURL: "http://127.0.0.1:\(port)", apiKey: APIKey("bench")))
        _ = try await client.averageDailyVolume(of: Self.symbol, before: try LocalDate(parsing: "2024-03-15"))
        cached = client
        return client
    }
}
