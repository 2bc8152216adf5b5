import Foundation
import MarketData
import MarketSimulator
import SimulatorServer

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A simulator server on an ephemeral loopback port for the length of one test.
struct TestServer {
    let server: SimulatorServer
    let port: Int
    private let task: Task<Void, any Error>

    var base: String { "http://127.0.0.1:\(port)" }

    static let seed: UInt64 = 20_240_315
    static let day = try! LocalDate(parsing: "2024-03-15")
    static let simulator = MarketSimulator(
        seed: seed,
        profileOverrides: [try! Symbol("LIQ"): .veryLiquid, try! Symbol("MID"): .mid, try! Symbol("ILLQ"): .illiquid])

    /// Starts a server on `source` (the shared simulator by default) and waits until it listens.
    static func start(
        source: (any MarketDataSource)? = nil, configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configure(&configuration)
        let server = SimulatorServer(source: source ?? SimulatorSource(simulator: simulator), configuration: configuration)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw URLError(.cannotConnectToHost) }
        return TestServer(server: server, port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    struct Reply {
        var status: Int
        var body: Data
        var headers: [String: String]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    /// GETs `pathAndQuery` (or an absolute URL), with the key as a Bearer header unless `bearer` is nil.
    func get(_ pathAndQuery: String, bearer: String? = "test-key") async throws -> Reply {
        let url = URL(string: pathAndQuery.hasPrefix("http") ? pathAndQuery : base + pathAndQuery)!
        var request = URLRequest(url: url)
        // A hang guard, not a timing check: a loaded CI machine may take minutes over a month-long page.
        request.timeoutInterval = 600
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields { headers[String(describing: name).lowercased()] = String(describing: value) }
        return Reply(status: http.statusCode, body: data, headers: headers)
    }
}
