import AsyncHTTPClient
import Benchmark
import MarketData
import MarketSimulator
import SimulatorServer

/// The simulator server over loopback: full 50,000-trade pages of a very liquid symbol, fetched and read
/// whole by an HTTP client in the same process. Throughput counts trades per second.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(20),
        maxIterations: 30
    )

    Benchmark("Server:trades page of 50000 over loopback") { benchmark in
        let port = try await ServerFixture.shared.port()
        let client = HTTPClient.shared
        benchmark.startMeasurement()
        for iteration in benchmark.scaledIterations {
            // A different ten-minute slice each time, so nothing is served from a cache.
            let start = try Timestamp(parsing: "2024-03-15 10:00").advanced(by: Int64(iteration % 20) * 600_000_000_000)
            var request = HTTPClientRequest(
                url: "http://127.0.0.1:\(port)/v3/trades/SPY?timestamp.gte=\(start.nanoseconds)&order=asc&limit=50000")
            request.headers.add(name: "Authorization", value: "Bearer bench")
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 64 << 20)
            blackHole(body.readableBytes)
        }
        benchmark.stopMeasurement()
    }
}

/// One server for the whole run.
actor ServerFixture {
    static let shared = ServerFixture()
    private var listening: Int?
    private var task: Task<Void, any Error>?

    func port() async throws -> Int {
        if let listening { return listening }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = SimulatorServer(source: SimulatorSource(seed: 1))
        task = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        listening = port
        return port
    }
}
