import AsyncHTTPClient
import Foundation
import MarketData
import MarketSimulator
import NIOCore
import NIOHTTP1
import PolygonWire
import SimulatorServer
import Testing

/// Requests no client should send, answered with Polygon's JSON error body before any work is done, and
/// requests whose work the server bounds.
@Suite(.serialized)
struct HostileRequestTests {
    /// Times no 64-bit nanosecond count holds: a 400 naming the parameter, the value and the range.
    @Test(arguments: [
        ("/v3/trades/ILLQ?timestamp.gte=9999-12-31", "timestamp.gte", "9999-12-31"),
        ("/v3/trades/ILLQ?timestamp.gte=0001-01-01", "timestamp.gte", "0001-01-01"),
        ("/v3/quotes/ILLQ?timestamp=1600-03-15", "timestamp", "1600-03-15"),
        ("/v3/trades/ILLQ?timestamp.lt=2262-04-11", "timestamp.lt", "2262-04-11"),
        ("/v3/trades/ILLQ?timestamp.gte=1677-09-20", "timestamp.gte", "1677-09-20"),
        ("/v3/trades/ILLQ?timestamp.gte=2262-04-12T00:00:00Z", "timestamp.gte", "2262-04-12T00:00:00Z"),
        ("/v2/aggs/ticker/ILLQ/range/1/day/9999-01-01/9999-12-31", "from", "9999-01-01"),
        ("/v2/aggs/ticker/ILLQ/range/1/minute/2024-03-15/9999-12-31", "to", "9999-12-31"),
    ])
    func farDatesAre400sNamingTheRange(_ path: String, _ parameter: String, _ value: String) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get(path)
        #expect(reply.status == 400)
        let error = try #require(reply.json["error"] as? String)
        #expect(error.contains("'\(parameter)'") && error.contains("'\(value)'"), "\(error)")
        #expect(error.contains("outside 1677-09-21T00:12:43.145224192Z through 2262-04-11T23:47:16.854775807Z"), "\(error)")
        #expect(reply.json.keys.sorted() == ["error", "request_id", "status"])
    }

    /// Values that overflowed arithmetic: a 400, and the server answers the next request. Days at the
    /// ends of the range that fit are answered (with nothing: there is no data then).
    @Test(arguments: [
        "/v2/aggs/ticker/ILLQ/range/9223372036854775807/hour/2024-03-15/2024-03-15",
        "/v2/aggs/ticker/ILLQ/range/1/minute/9223372036854775807/2024-03-15",
        "/v2/aggs/ticker/ILLQ/range/1/minute/-9223372036854775808/2024-03-15",
    ])
    func overflowingValuesAre400s(_ path: String) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get(path)
        #expect(reply.status == 400)
        #expect(reply.json["status"] as? String == "ERROR")
        #expect(try await server.get("/v3/trades/ILLQ?timestamp=2024-03-15&limit=1").status == 200)
    }

    /// Instants at the ends of the 64-bit range, in parameters and in a hand-made cursor, are answered.
    @Test(arguments: [
        "/v3/trades/ILLQ?timestamp.gte=-9223372036854775808&timestamp.lt=1710561600000000000&limit=1",
        "/v3/trades/ILLQ?timestamp=9223372036854775807",
        "/v3/trades/ILLQ?timestamp.gt=9223372036854775807",
        "/v3/trades/ILLQ?timestamp.lte=-9223372036854775808&order=desc",
        "/v3/trades/ILLQ?timestamp=2262-04-10", "/v3/trades/ILLQ?timestamp.gte=1677-09-21T00:12:43.145224192Z&timestamp.lt=1677-09-22",
        "/v2/aggs/ticker/ILLQ/range/1/day/1677-09-21/2262-04-10",
        "/v3/quotes/ILLQ?cursor="
            + PageCursor([
                "after": "9223372036854775807:9223372036854775807", "limit": "5", "order": "desc", "timestamp.gte": "1710475200000000000",
                "timestamp.lt": "9223372036854775807",
            ]).token,
        "/v3/quotes/ILLQ?cursor="
            + PageCursor([
                "after": "-9223372036854775808:0", "limit": "5", "order": "asc", "timestamp.gte": "-9223372036854775808", "timestamp.lt": "1710561600000000000",
            ]).token,
    ])
    func extremeInstantsAreAnswered(_ path: String) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get(path)
        #expect(reply.status == 200, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect(reply.json["status"] as? String == "OK")
    }

    /// Paths no route takes — the root, an empty ticker, a missing date — are Polygon's 404 body.
    @Test(arguments: ["/", "/v3/trades/", "/v3/quotes/", "/v2/aggs/ticker/ILLQ/range/1/day//", "/v9"])
    func unroutedPathsAre404sWithPolygonsBody(_ path: String) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get(path)
        #expect(reply.status == 404)
        #expect(reply.headers["content-type"] == "application/json")
        #expect(reply.json["status"] as? String == "NOT_FOUND")
        #expect((reply.json["request_id"] as? String)?.count == 32)
    }

    /// Methods other than GET are a 405 with `Allow: GET` and Polygon's body, on every path.
    @Test(arguments: [HTTPMethod.POST, .DELETE, .PUT, .PATCH, .OPTIONS], ["/v3/trades/ILLQ?timestamp=2024-03-15", "/nowhere"])
    func otherMethodsAre405s(_ method: HTTPMethod, _ path: String) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        var request = HTTPClientRequest(url: server.base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer test-key")
        let response = try await WireClient.http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers.first(name: "allow") == "GET")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
        #expect(json["status"] as? String == "ERROR")
        #expect((json["error"] as? String)?.contains(method.rawValue) == true)
        #expect(json.keys.sorted() == ["error", "request_id", "status"])
    }

    /// `1/day/2000-01-01/2035-12-31` reads a month of the source, not 36 years, and says where to go on.
    @Test func aggregatesOfAHugeRangeReadAMonthPerPage() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/v2/aggs/ticker/ILLQ/range/1/day/2000-01-01/2035-12-31?limit=50000")
        #expect(reply.status == 200)
        let page = try WireDecoder.aggsPage(Array(reply.body), timeframe: .daily)
        #expect((1...23).contains(page.results.count))
        let february = try #require(LocalDate(year: 2000, month: 2, day: 1))
        let next = try #require(page.nextURL)
        #expect(
            next.contains("/v2/aggs/ticker/ILLQ/range/1/day/\(NewYorkTime.instant(february, hour: 0, minute: 0).milliseconds)/2035-12-31?cursor="), "\(next)")
    }

    /// Paging a range of months, both ways, gives exactly the bars of the whole range.
    @Test(arguments: [true, false])
    func aggregatesPagedByMonthsAreComplete(_ ascending: Bool) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let symbol = try Symbol("ILLQ")
        let first = try LocalDate(parsing: "2024-01-01")
        let range = TimeWindow(
            uncheckedStart: NewYorkTime.instant(first, hour: 0, minute: 0),
            end: NewYorkTime.instant(try LocalDate(parsing: "2024-05-01"), hour: 0, minute: 0))
        let expected = BarAggregator.aggregate(TestServer.simulator.minuteBars(symbol, in: range), to: .daily)
        let result = try await PagingTests.pageThrough(
            server, "/v2/aggs/ticker/ILLQ/range/1/day/2024-01-01/2024-04-30?limit=50000&sort=\(ascending ? "asc" : "desc")",
            decode: { try WireDecoder.aggsPage($0, timeframe: .daily) })
        #expect(result.records == (ascending ? expected : expected.reversed()))
        #expect(result.pages == 4)
        #expect(expected.count > 70)
    }

    /// The statistics keep a bounded log however many requests arrive.
    @Test func requestLogIsBounded() async {
        let statistics = ServerStatistics()
        for index in 0..<(2 * ServerStatistics.logLimit + 10) {
            _ = await statistics.begin(kind: "other", canonical: "/\(index)", countSightings: false)
        }
        let log = await statistics.requestLog
        #expect(log.count <= 2 * ServerStatistics.logLimit)
        #expect(log.count >= ServerStatistics.logLimit)
        #expect(log.last == "/\(2 * ServerStatistics.logLimit + 9)")
    }

    /// Made-up keys do not pile up: buckets that refilled are forgotten once too many are tracked.
    @Test func rateLimiterForgetsFullBuckets() async {
        let time = ManualTime()
        let limiter = RateLimiter(requestsPerMinute: 60, burst: 1, clock: .manual(time))
        for index in 0..<RateLimiter.maximumKeys {
            #expect(await limiter.acquire(key: "key-\(index)") == nil)
        }
        #expect(await limiter.trackedKeys == RateLimiter.maximumKeys)
        // Every bucket is empty: nothing can be forgotten, and a key keeps its empty bucket.
        #expect(await limiter.acquire(key: "key-0") == 1)
        time.advance(by: .seconds(1))
        #expect(await limiter.acquire(key: "one-more") == nil)
        #expect(await limiter.trackedKeys == 1)
    }
}
