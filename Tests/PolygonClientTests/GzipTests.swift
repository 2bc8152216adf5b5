import AsyncHTTPClient
import MarketData
import MarketSimulator
import PolygonClient
import PolygonWire
import Testing

/// The real API gzips every response the client accepts gzip for: bodies with a `Content-Length` and
/// chunked ones are inflated; a gzip bomb, a body over `maxBodyBytes` and a corrupt stream are clear
/// errors naming the request, never retried, never a crash; a stream cut short is retried.
struct GzipTests {
    static let morning = window(at(10, 0), at(10, 5))
    static let bars = simulator.minuteBars(mid, in: morning)
    static let page = WireEncoder.aggsPage(bars, ticker: "MID", requestID: "gzip-test")

    @Test(arguments: [false, true])
    func gzipBodiesAreInflated(chunked: Bool) async throws {
        let server = try await ScriptedServer.start { _ in .json(Self.page, gzip: true, chunked: chunked) }
        defer { Task { await server.stop() } }
        let log = ResponseLog()
        let client = try makeClient(server.base)
        let bars = try await client.bars(mid, in: Self.morning, progress: nil, log: log)
        #expect(bars == Self.bars)
        // The archive's record of truth is the JSON itself, not the gzip bytes.
        #expect(log.responses.map(\.body) == [Self.page])
        #expect(server.log.all.count == 1)
    }

    /// 16 MiB of whitespace inside a page compresses about 1000×: refused after one request.
    @Test(arguments: [false, true])
    func gzipBombIsRefused(chunked: Bool) async throws {
        let bomb = Array(#"{"results":["#.utf8) + [UInt8](repeating: 0x20, count: 16 << 20) + Array(#"],"status":"OK"}"#.utf8)
        let answer = ScriptedServer.Answer.json(bomb, gzip: true, chunked: chunked)
        #expect(answer.body.count * PolygonClient.maximumGzipRatio < bomb.count)
        let server = try await ScriptedServer.start { _ in answer }
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base)
        let error = await #expect(throws: TapeDeckError.self) { try await client.bars(mid, in: Self.morning) }
        #expect(error?.code == .responseTooLarge)
        #expect(error?.message.contains("GET /v2/aggs/ticker/MID/range/1/minute/") == true)
        #expect(error?.message.contains("100×") == true)
        #expect(error?.message.contains(testKey) == false)
        #expect(server.log.all.count == 1)
    }

    @Test func bodyOverMaxBodyBytesIsRefused() async throws {
        let server = try await ScriptedServer.start { _ in .json(Self.page, gzip: true) }
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base) { $0.maxBodyBytes = Self.page.count - 1 }
        let error = await #expect(throws: TapeDeckError.self) { try await client.bars(mid, in: Self.morning) }
        #expect(error?.code == .responseTooLarge)
        #expect(error?.message.contains("maxBodyBytes (\(Self.page.count - 1) bytes)") == true)
        #expect(error?.message.contains("GET /v2/aggs/ticker/MID/range/1/minute/") == true)
        #expect(server.log.all.count == 1)
    }

    /// `Content-Encoding: gzip` on bytes that are not gzip: a clear error, not retried.
    @Test func corruptGzipIsAnError() async throws {
        let server = try await ScriptedServer.start { _ in
            ScriptedServer.Answer(body: Self.page, contentEncoding: "gzip")
        }
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base)
        let error = await #expect(throws: TapeDeckError.self) { try await client.bars(mid, in: Self.morning) }
        #expect(error?.code == .undecodableBody)
        #expect(error?.message.contains("GET /v2/aggs/ticker/MID/range/1/minute/") == true)
        #expect(server.log.all.count == 1)
    }

    /// A complete HTTP message holding half a gzip stream is a truncated body: retried, then read.
    @Test func truncatedGzipIsRetried() async throws {
        let whole = ScriptedServer.Answer.json(Self.page, gzip: true)
        let server = try await ScriptedServer.start { request in
            var answer = whole
            if request.attempt == 0 { answer.body = Array(whole.body.prefix(whole.body.count / 2)) }
            return answer
        }
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base)
        #expect(try await client.bars(mid, in: Self.morning) == Self.bars)
        #expect(server.log.all.count == 2)
    }

    /// An HTTPClient that does not inflate gets an error saying how to build one that does.
    @Test func httpClientWithoutDecompressionIsNamed() async throws {
        let server = try await ScriptedServer.start { _ in .json(Self.page, gzip: true) }
        defer { Task { await server.stop() } }
        let plainHTTP = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = try PolygonClient(
            configuration: .init(baseURL: server.base, apiKey: APIKey(testKey)), httpClient: plainHTTP)
        let error = await #expect(throws: TapeDeckError.self) { try await client.bars(mid, in: Self.morning) }
        try await plainHTTP.shutdown()
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("decompression: .enabled(limit: .ratio(PolygonClient.maximumGzipRatio))") == true)
        #expect(server.log.all.count == 1)
    }
}
