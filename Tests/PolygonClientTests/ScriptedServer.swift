import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SimulatorServer
import Synchronization

/// A loopback Hummingbird server that answers each GET with whatever a test scripts for its path and query:
/// the responses the simulator never sends (ties out of order, duplicates, conflicts, fractional sizes,
/// gzip bombs, corrupt or truncated gzip), gzip-encoded with a `Content-Length` or chunked like the real API.
struct ScriptedServer {
    /// One scripted response.
    struct Answer: Sendable {
        var status = 200
        /// The bytes on the wire (already compressed when `contentEncoding` is set).
        var body: [UInt8]
        var contentEncoding: String?
        /// Sent without a `Content-Length`, in three chunks.
        var chunked = false

        /// A JSON body, gzip-encoded when `gzip` is true.
        static func json(_ text: String, status: Int = 200, gzip: Bool = false, chunked: Bool = false) -> Answer {
            json(Array(text.utf8), status: status, gzip: gzip, chunked: chunked)
        }

        static func json(_ bytes: [UInt8], status: Int = 200, gzip: Bool = false, chunked: Bool = false) -> Answer {
            Answer(
                status: status, body: gzip ? Gzip.compress(bytes) : bytes, contentEncoding: gzip ? "gzip" : nil,
                chunked: chunked)
        }
    }

    /// What a script sees of a request: path, query parameters, and how often this exact URI came before.
    struct Request: Sendable {
        var path: String
        var query: [String: String]
        var attempt: Int
    }

    let port: Int
    private let task: Task<Void, any Error>
    /// Every request URI, in arrival order.
    let log: RequestLog

    var base: String { "http://127.0.0.1:\(port)" }

    static func start(_ script: @escaping @Sendable (Request) -> Answer) async throws -> ScriptedServer {
        let router = Router()
        let log = RequestLog()
        router.get("**") { request, _ in
            let attempt = log.record(request.uri.description)
            var query: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
            let answer = script(Request(path: request.uri.path, query: query, attempt: attempt))
            var headers: HTTPFields = [.contentType: "application/json"]
            if let encoding = answer.contentEncoding { headers[.contentEncoding] = encoding }
            let buffers = RealShape.chunks(answer.body).map { ByteBuffer(bytes: $0) }
            let body =
                answer.chunked
                ? ResponseBody(contentLength: nil) { writer in
                    for buffer in buffers { try await writer.write(buffer) }
                    try await writer.finish(nil)
                }
                : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
            return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: body)
        }
        var logger = Logger(label: "scripted")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw URLError(.cannotConnectToHost) }
        return ScriptedServer(port: port, task: task, log: log)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// The URIs a scripted server received.
final class RequestLog: Sendable {
    private let uris = Mutex<[String]>([])

    var all: [String] { uris.withLock { $0 } }

    /// Appends `uri` and returns how many times it came before.
    func record(_ uri: String) -> Int {
        uris.withLock { uris in
            let before = uris.count(where: { $0 == uri })
            uris.append(uri)
            return before
        }
    }
}
