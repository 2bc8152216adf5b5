import Benchmark
import MarketData
import MarketSimulator
import PolygonClient
import SimulatorServer

/// PolygonClient end to end against an in-process SimulatorServer on loopback: a full simulated day
/// (04:00-20:00) of a SPY-like symbol, trades and separately quotes, through chunking, 5 requests in
/// flight, pagination and decoding. Throughput counts records per second (one iteration = one day, so
/// records/s = throughput × records per day, printed once at setup); peak resident memory includes the
/// server's share, since both run in this process.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(60),
        maxIterations: 5
    )

    Benchmark("Client:full SPY-like day of trades") { benchmark in
        let client = try await ClientFixture.shared.client()
        let day = try ClientFixture.day()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await client.trades(ClientFixture.symbol, in: day).count)
        }
        benchmark.stopMeasurement()
    }

    Benchmark("Client:full SPY-like day of quotes") { benchmark in
        let client = try await ClientFixture.shared.client()
        let day = try ClientFixture.day()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await client.quotes(ClientFixture.symbol, in: day).count)
        }
        benchmark.stopMeasurement()
    }
}

/// One server and one client for the whole run; the volume lookup is done before measuring.
actor ClientFixture {
    static let shared = ClientFixture()
    static let symbol = try! Symbol("SPY")
    private var cached: PolygonClient?
    private var task: Task<Void, any Error>?

    static func day() throws -> TimeWindow {
        try TimeWindow(start: Timestamp(parsing: "2024-03-15 04:00"), end: Timestamp(parsing: "2024-03-15 20:00"))
    }

    func client() async throws -> PolygonClient {
        if let cached { return cached }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = SimulatorServer(
            source: SimulatorSource(seed: 1, profileOverrides: [Self.symbol: .veryLiquid]))
        task = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        let client = try PolygonClient(
            configuration: .init(baseURL: "http://127.0.0.1:\(port)", apiKey: APIKey("bench")))
        let date = try LocalDate(parsing: "2024-03-15")
        _ = try await client.averageDailyVolume(of: Self.symbol, before: date)
        let window = try Self.day()
        let trades = try await client.trades(Self.symbol, in: window).count
        let quotes = try await client.quotes(Self.symbol, in: window).count
        print("ClientBenchmarks: one day = \(trades) trades, \(quotes) quotes (records/s = throughput × these)")
        cached = client
        return client
    }
}
