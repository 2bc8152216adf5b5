import AsyncHTTPClient
import Benchmark
import Foundation
import HummingbirdWSClient
import Logging
import MarketData
import MarketSimulator
import PolygonClient
import PolygonWire
import SimulatorServer
import Synchronization
import TapeArchive

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

    // The stocks WebSocket feed at --speed max: SPY's trades and quotes from 09:30, 500,000 events to one
    // client over loopback; the client counts events without decoding them. Events/s = 500,000 / time.
    Benchmark("Feed:500000 SPY trade and quote events to one client", configuration: .init(maxIterations: 5)) { benchmark in
        let port = try await ServerFixture.shared.port()
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let target = 500_000
        benchmark.startMeasurement()
        let received = Mutex(0)
        try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/stocks", configuration: .init(maxFrameSize: 1 << 22), logger: logger
        ) { inbound, outbound, _ in
            try await outbound.write(.text(#"{"action":"auth","params":"bench"}"#))
            try await outbound.write(.text(#"{"action":"subscribe","params":"T.SPY,Q.SPY"}"#))
            // Raw frames (each a whole message at --speed max), counted in place: the server's cost, not a decoder's.
            for try await frame in inbound {
                let count = frame.data.withUnsafeReadableBytes(openingBraces)
                let total = received.withLock { value in
                    value += count
                    return value
                }
                if total >= target { break }
            }
            try? await outbound.close(.normalClosure, reason: nil)
        }
        benchmark.stopMeasurement()
        blackHole(received.withLock { $0 })
    }

    // `record --stream`'s parts at --speed max: FeedClient reading the feed over loopback into a
    // StreamRecorder that commits SPY's trades and quotes of 09:30-10:00 to a fresh archive, 5-minute
    // chunks as the clock passes them. Events/s = records stored / time.
    Benchmark("Record stream:SPY trades and quotes 09:30-10:00 into an archive", configuration: .init(maxIterations: 5)) { benchmark in
        let port = try await ServerFixture.shared.port()
        let path = NSTemporaryDirectory() + "tapedeck-bench-stream-\(UUID().uuidString).tapedeck"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var settings = StreamRecorder.Configuration(symbols: [try Symbol("SPY")], kinds: [.trades, .quotes])
        settings.until = try Timestamp(parsing: "2024-03-15 10:00")
        let recorder = StreamRecorder(archive: try Archive(path: path), configuration: settings)
        let client = FeedClient(configuration: .init(url: "ws://127.0.0.1:\(port)/stocks", apiKey: APIKey("bench"), topics: recorder.topics))
        benchmark.startMeasurement()
        try await client.run { update in
            switch update {
            case .subscribed: await recorder.connected()
            case .messages(let messages):
                try await recorder.receive(messages)
                if await recorder.isDone { return .stop }
            case .disconnected: try await recorder.disconnected()
            }
            return .proceed
        }
        benchmark.stopMeasurement()
        blackHole(await recorder.summary.records)
    }

    // REST pages from the committed sample archive (`sim serve --archive`): ETSY's trades of 11:00-12:00,
    // 1,000 a page, every page followed by next_url.
    Benchmark("Archive server:ETSY trades 11:00-12:00, 1000 a page") { benchmark in
        let port = try await ArchiveServerFixture.shared.port()
        let client = HTTPClient.shared
        let start = try Timestamp(parsing: "2024-03-15 11:00").nanoseconds
        let end = try Timestamp(parsing: "2024-03-15 12:00").nanoseconds
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var next: String? = "http://127.0.0.1:\(port)/v3/trades/ETSY?timestamp.gte=\(start)&timestamp.lt=\(end)&order=asc&limit=1000"
            var pages = 0
            while let url = next {
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Authorization", value: "Bearer bench")
                let response = try await client.execute(request, timeout: .seconds(60))
                let body = try await response.body.collect(upTo: 64 << 20)
                let text = String(buffer: body)
                pages += 1
                next = text.range(of: "\"next_url\":\"").map { range in
                    String(text[range.upperBound...].prefix { $0 != "\"" })
                }
            }
            blackHole(pages)
        }
        benchmark.stopMeasurement()
    }
}

/// The number of `{` bytes, eight at a time: the client's share of the feed benchmark stays small.
func openingBraces(_ bytes: UnsafeRawBufferPointer) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    var count = 0
    var offset = 0
    while offset + 8 <= bytes.count {
        // Bytes equal to `{` become zero; exactly those get their high bit set below.
        let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ (ones &* 0x7B)
        count += (~(((word & low7) &+ low7) | word | low7)).nonzeroBitCount
        offset += 8
    }
    while offset < bytes.count {
        if bytes[offset] == UInt8(ascii: "{") { count += 1 }
        offset += 1
    }
    return count
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

/// A server on the committed sample recording (`recordings/sample-2024-03-15.tapedeck`).
actor ArchiveServerFixture {
    static let shared = ArchiveServerFixture()
    private var listening: Int?
    private var task: Task<Void, any Error>?

    func port() async throws -> Int {
        if let listening { return listening }
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("recordings/sample-2024-03-15.tapedeck").path
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = SimulatorServer(source: try ArchiveSource(path: path))
        task = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        listening = port
        return port
    }
}
