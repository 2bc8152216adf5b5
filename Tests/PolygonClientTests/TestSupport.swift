import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MarketData
import MarketSimulator
import NIOCore
import PolygonClient
import SimulatorServer
import Synchronization

/// The key every test client sends: distinctive, so that a leak is easy to search for.
let testKey = "tdk-SECRET-4f9a17c2"
let day = try! LocalDate(parsing: "2024-03-15")
let liquid = try! Symbol("LIQ")
let mid = try! Symbol("MID")
let illiquid = try! Symbol("ILLQ")
let simulator = MarketSimulator(
    seed: 20_240_315, profileOverrides: [liquid: .veryLiquid, mid: .mid, illiquid: .illiquid])

/// New York wall-clock time on the test day.
func at(_ hour: Int, _ minute: Int, _ second: Int = 0, nanosecond: Int = 0) -> Timestamp {
    NewYorkTime.instant(day, hour: hour, minute: minute).advanced(
        by: Int64(second) * Timestamp.nanosecondsPerSecond + Int64(nanosecond))
}

func window(_ start: Timestamp, _ end: Timestamp) -> TimeWindow {
    TimeWindow(uncheckedStart: start, end: end)
}

/// The whole extended day, 04:00-20:00.
let fullDay = window(at(4, 0), at(20, 0))

/// A simulator server on an ephemeral loopback port for the length of one test.
struct LoopbackServer {
    let server: SimulatorServer
    let port: Int
    private let task: Task<Void, any Error>

    var base: String { "http://127.0.0.1:\(port)" }

    static func start(configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> LoopbackServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configure(&configuration)
        let server = SimulatorServer(source: SimulatorSource(simulator: simulator), configuration: configuration)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw URLError(.cannotConnectToHost) }
        return LoopbackServer(server: server, port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// A tiny Hummingbird server answering every GET with a fixed status and body: for responses the
/// simulator never gives (malformed JSON, 403, 404, status ERROR on a 200).
struct CannedServer {
    let port: Int
    private let task: Task<Void, any Error>
    let hits: Counter

    var base: String { "http://127.0.0.1:\(port)" }

    static func start(status code: Int, body: String) async throws -> CannedServer {
        let status = HTTPResponse.Status(code: code)
        let router = Router()
        let hits = Counter()
        router.get("**") { _, _ in
            hits.increment()
            return Response(
                status: status, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        var logger = Logger(label: "canned")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw URLError(.cannotConnectToHost) }
        return CannedServer(port: port, task: task, hits: hits)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

/// Collects every log line, metadata included, at trace level.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var logger: Logger {
        Logger(label: "test") { label in CapturingHandler(capture: self) }
    }
}

struct CapturingHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        capture.append("\(event.level) \(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })")
    }
}

/// Progress events, collected.
final class ProgressCapture: Sendable {
    private let events = Mutex<[FetchProgress]>([])
    var all: [FetchProgress] { events.withLock { $0 } }
    var handler: ProgressHandler { { [self] progress in events.withLock { $0.append(progress) } } }
}

/// A client of `base` with fast retries, so that fault tests take seconds, not minutes.
func makeClient(
    _ base: String, key: String = testKey, configure: (inout PolygonClient.Configuration) -> Void = { _ in }
) throws -> PolygonClient {
    var configuration = PolygonClient.Configuration(baseURL: base, apiKey: APIKey(key))
    configuration.retry = RetryPolicy(
        maxAttempts: 8, retryBudget: 200, baseDelay: .milliseconds(5), maxDelay: .milliseconds(100),
        maxRetryAfter: .seconds(5), jitterSeed: 1)
    // A deadline far beyond any load: under the suite's CPU-bound tests a 20-second deadline fired on
    // answers that were on their way, and the retry made tests that count requests see two.
    configuration.requestTimeout = .seconds(600)
    // Backoffs, Retry-After pauses and the token bucket run on a clock of the test's own: no test waits
    // for, or depends on, wall time there (request deadlines stay on the HTTP client's clock).
    configuration.clock = .manual(ManualTime())
    configure(&configuration)
    return try PolygonClient(configuration: configuration)
}

/// For the very liquid symbol: one day of daily aggregates (2024-03-14) is enough to pick its 5-minute
/// chunks, and each very liquid day costs about two seconds to simulate in a debug build.
func shortLookback(_ configuration: inout PolygonClient.Configuration) {
    configuration.volumeLookbackDays = 1
}
