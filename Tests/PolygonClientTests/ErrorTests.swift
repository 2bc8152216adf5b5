import MarketData
import MarketSimulator
import PolygonClient
import PolygonWire
import SimulatorServer
import Testing

extension LoopbackTests {
    /// A wrong key is one clear error after one request: 401 is never retried.
    @Test func badKeyFailsOnceWithoutRetries() async throws {
        let server = try await LoopbackServer.start { $0.apiKey = "the-right-key" }
        defer { Task { await server.stop() } }
        // makeClient's deadline is far beyond any load, so only a retry of the 401 itself could send a second request.
        let client = try makeClient(server.base)
        let error = await #expect(throws: TapeDeckError.self) { try await client.trades(mid, in: fullDay) }
        #expect(error?.code == .unauthorized)
        #expect(error?.message.contains("POLYGON_API_KEY") == true)
        #expect(error?.message.contains(testKey) == false)
        let requests = await server.server.statistics.requestLog
        #expect(requests.count == 1, "requests seen: \(requests)")
    }

    /// Malformed JSON names the URL (without key) and the byte offset, and is not retried.
    @Test func malformedBodyNamesURLAndOffset() async throws {
        let canned = try await CannedServer.start(status: 200, body: #"{"results":[{"price":1.5,"size":oops}],"status":"OK"}"#)
        defer { Task { await canned.stop() } }
        let client = try makeClient(canned.base)
        let error = await #expect(throws: TapeDeckError.self) { try await client.bars(mid, in: window(at(10, 0), at(10, 5))) }
        #expect(error?.code == .malformedJSON)
        let message = error?.message ?? ""
        #expect(message.contains("at byte "))
        #expect(message.contains(canned.base + "/v2/aggs/ticker/MID/range/1/minute/"))
        #expect(!message.contains(testKey))
        #expect(canned.hits.count == 1)
    }

    /// Statuses the simulator never sends, each mapped to its typed, non-retried error.
    @Test(arguments: [
        (
            403, #"{"status":"NOT_AUTHORIZED","request_id":"r","message":"Your plan doesn't include this data timeframe."}"#, TapeDeckError.Code.notEntitled,
            "plan"
        ),
        (404, #"{"status":"NOT_FOUND","request_id":"r","message":"not found"}"#, .unknownSymbol, "unknown symbol MID"),
        (400, #"{"status":"ERROR","request_id":"r","error":"bad limit"}"#, .requestRejected, "bad limit"),
        (200, #"{"status":"ERROR","request_id":"r","error":"database on fire"}"#, .serverError, "database on fire"),
    ])
    func statusesMapToTypedErrors(status: Int, body: String, code: TapeDeckError.Code, phrase: String)
        async throws
    {
        let canned = try await CannedServer.start(status: status, body: body)
        defer { Task { await canned.stop() } }
        let client = try makeClient(canned.base)
        let error = await #expect(throws: TapeDeckError.self) { try await client.bars(mid, in: window(at(10, 0), at(10, 5))) }
        #expect(error?.code == code)
        #expect(error?.message.contains(phrase) == true)
        #expect(canned.hits.count == 1)
    }

    /// Persistent 5xx: a bounded number of attempts, then an error naming the request.
    @Test func persistentServerErrorsExhaustRetries() async throws {
        let canned = try await CannedServer.start(status: 503, body: #"{"status":"ERROR","error":"down"}"#)
        defer { Task { await canned.stop() } }
        let client = try makeClient(canned.base) { $0.retry.maxAttempts = 4 }
        let error = await #expect(throws: TapeDeckError.self) { try await client.bars(mid, in: window(at(10, 0), at(10, 5))) }
        #expect(error?.code == .retriesExhausted)
        #expect(error?.message.contains("/v2/aggs/ticker/MID/range/1/minute/") == true)
        #expect(error?.message.contains("HTTP 503") == true)
        #expect(canned.hits.count == 4)
    }
}

/// Configuration from the environment.
struct ConfigurationTests {
    @Test func missingKeyIsAnActionableError() {
        let error = #expect(throws: TapeDeckError.self) { try PolygonClient.Configuration.fromEnvironment([:]) }
        #expect(error?.code == .missingAPIKey)
        #expect(error?.message.contains("set POLYGON_API_KEY") == true)
        #expect(throws: TapeDeckError.self) { try PolygonClient.Configuration.fromEnvironment(["POLYGON_API_KEY": "  "]) }
    }

    @Test func keyAndBaseURLFromEnvironment() throws {
        let massive = try PolygonClient.Configuration.fromEnvironment(["MASSIVE_API_KEY": "k1"])
        #expect(massive.baseURL == "https://api.massive.com")
        let polygon = try PolygonClient.Configuration.fromEnvironment(
            ["POLYGON_API_KEY": "k2", "MASSIVE_API_KEY": "k1", "POLYGON_BASE_URL": "http://127.0.0.1:9/"])
        #expect(polygon.baseURL == "http://127.0.0.1:9/")
        let client = try PolygonClient(configuration: polygon)
        #expect(client.configuration.baseURL == "http://127.0.0.1:9")
    }

    @Test(arguments: ["ftp://x", "api.massive.com", ""])
    func badBaseURLIsRejected(base: String) {
        let error = #expect(throws: TapeDeckError.self) {
            try PolygonClient(configuration: .init(baseURL: base, apiKey: APIKey("k")))
        }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func keyNeverPrints() {
        let configuration = PolygonClient.Configuration(apiKey: APIKey(testKey))
        for text in ["\(configuration)", String(reflecting: configuration), "\(configuration.apiKey)"] {
            #expect(!text.contains(testKey))
        }
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains(testKey))
    }
}
