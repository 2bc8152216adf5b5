import Foundation
import MarketData
import SimulatorServer
import Testing

/// A request that has a recorded response is answered with it byte for byte, only next_url pointed at
/// this server; the match ignores parameter order and the key; other requests are built from the source.
struct RecordedResponsesTests {
    /// One recorded page, as Polygon sent it: pretty-printed, next_url on Polygon's host.
    struct Cassette: RecordedResponses {
        static let request = "/v3/trades/MID?limit=2&order=asc&timestamp.gte=2024-03-15"
        static let body = """
            {
              "results": [{"price": 12.5}],
              "status": "OK",
              "request_id": "recorded",
              "next_url" :  "https://api.polygon.io/v3/trades/MID?cursor=UG9seWdvbidz"
            }
            """
        func body(for request: String) async throws -> [UInt8]? {
            request == Self.request ? Array(Self.body.utf8) : nil
        }
    }

    @Test func aRecordedRequestGetsTheRecordedBytesWithNextURLOnThisServer() async throws {
        let server = try await TestServer.start { $0.recorded = Cassette() }
        defer { Task { await server.stop() } }
        let reply = try await server.get("/v3/trades/MID?timestamp.gte=2024-03-15&apiKey=k-0123456789&order=asc&limit=2")
        #expect(reply.status == 200)
        let expected = Cassette.body.replacingOccurrences(of: "https://api.polygon.io/", with: "\(server.base)/")
        #expect(String(decoding: reply.body, as: UTF8.self) == expected)
    }

    @Test func anyOtherRequestIsBuiltFromTheSource() async throws {
        let server = try await TestServer.start { $0.recorded = Cassette() }
        defer { Task { await server.stop() } }
        let reply = try await server.get("/v3/trades/MID?timestamp.gte=2024-03-15&order=asc&limit=3")
        #expect(reply.status == 200)
        #expect((reply.json["results"] as? [Any])?.count == 3)
        #expect(reply.json["request_id"] as? String != "recorded")
    }
}
