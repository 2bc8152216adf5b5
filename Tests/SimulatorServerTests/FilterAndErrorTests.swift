import Foundation
import MarketData
import MarketSimulator
import PolygonWire
import SimulatorServer
import Testing

/// Polygon's time filters, auth, parameter errors, rate limit and injected faults.
@Suite(.serialized)
struct FilterAndErrorTests {
    static let symbol = try! Symbol("MID")
    static let window = try! TimeWindow(start: Timestamp(parsing: "2024-03-15 10:00"), end: Timestamp(parsing: "2024-03-15 10:03"))

    static func trades(_ server: TestServer, _ query: String) async throws -> [Trade] {
        let reply = try await server.get("/v3/trades/MID?\(query)&order=asc&limit=50000")
        #expect(reply.status == 200, "\(String(decoding: reply.body, as: UTF8.self))")
        return try WireDecoder.tradesPage(Array(reply.body)).results
    }

    @Test func everyTimestampFilter() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let all = TestServer.simulator.trades(Self.symbol, in: Self.window)
        let t = all[all.count / 2].sipTimestamp.nanoseconds
        let (lo, hi) = (Self.window.start.nanoseconds, Self.window.end.nanoseconds)
        #expect(try await Self.trades(server, "timestamp.gte=\(lo)&timestamp.lt=\(hi)") == all)
        #expect(try await Self.trades(server, "timestamp.gte=\(lo)&timestamp.lte=\(t)") == all.filter { $0.sipTimestamp.nanoseconds <= t })
        #expect(try await Self.trades(server, "timestamp.gt=\(t)&timestamp.lt=\(hi)") == all.filter { $0.sipTimestamp.nanoseconds > t })
        #expect(try await Self.trades(server, "timestamp=\(t)") == all.filter { $0.sipTimestamp.nanoseconds == t })
        // RFC 3339 instants, as in Polygon's own cursors.
        #expect(try await Self.trades(server, "timestamp.gte=2024-03-15T14:00:00Z&timestamp.lt=2024-03-15T14:03:00Z") == all)
        // A date is its whole New York day.
        let day = TestServer.simulator.day(Self.symbol, on: TestServer.day).trades
        #expect(try await Self.trades(server, "timestamp=2024-03-15") == day)
        #expect(try await Self.trades(server, "timestamp.gte=2024-03-15&timestamp.lt=2024-03-16") == day)
        #expect(try await Self.trades(server, "timestamp.gt=2024-03-14&timestamp.lte=2024-03-15") == day)
        // Closed days have no data, as on Polygon.
        #expect(try await Self.trades(server, "timestamp=2024-03-16").isEmpty)
        #expect(try await Self.trades(server, "timestamp=2024-12-25").isEmpty)
    }

    @Test func authByQueryOrBearerAndPolygonsBodiesOtherwise() async throws {
        let server = try await TestServer.start { $0.apiKey = "right-key" }
        defer { Task { await server.stop() } }
        let path = "/v3/trades/MID?timestamp=2024-03-15&limit=1"
        #expect(try await server.get(path, bearer: "right-key").status == 200)
        #expect(try await server.get(path + "&apiKey=right-key", bearer: nil).status == 200)
        let missing = try await server.get(path, bearer: nil)
        #expect(missing.status == 401)
        #expect(missing.json["status"] as? String == "ERROR")
        #expect(missing.json["error"] as? String == "API Key was not provided")
        #expect((missing.json["request_id"] as? String)?.count == 32)
        let wrong = try await server.get(path, bearer: "wrong-key")
        #expect(wrong.status == 401)
        #expect(wrong.json["error"] as? String == "Unknown API Key")
        #expect(!String(decoding: wrong.body, as: UTF8.self).contains("wrong-key"))
    }

    @Test(arguments: [
        ("/v3/trades/MID?timestamp=2024-03-15&limit=0", "limit"),
        ("/v3/trades/MID?timestamp=2024-03-15&limit=50001", "limit"),
        ("/v3/trades/MID?timestamp=2024-03-15&order=up", "order"),
        ("/v3/trades/MID?timestamp=2024-03-15&sort=price", "sort"),
        ("/v3/trades/MID?timestamp=yesterday", "timestamp"),
        ("/v3/trades/MID?timestamp.gte=2024-13-01", "timestamp.gte"),
        ("/v3/quotes/MID?timestamp=2024-03-15&cursor=%21%21", "cursor"),
        ("/v3/trades/MID", "time range"),
        ("/v3/trades/m%20d?timestamp=2024-03-15", "ticker"),
        ("/v2/aggs/ticker/MID/range/1/week/2024-03-15/2024-03-15", "1/week"),
        ("/v2/aggs/ticker/MID/range/x/minute/2024-03-15/2024-03-15", "multiplier"),
        ("/v2/aggs/ticker/MID/range/1/minute/03-15-2024/2024-03-15", "from"),
        ("/v2/aggs/ticker/MID/range/1/minute/2024-03-15/2024-03-15?sort=sideways", "sort"),
        ("/v2/aggs/ticker/MID/range/1/minute/2024-03-15/2024-03-15?adjusted=maybe", "adjusted"),
    ])
    func badParametersAre400WithPolygonsBody(_ path: String, _ named: String) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get(path)
        #expect(reply.status == 400)
        #expect(reply.headers["content-type"] == "application/json")
        #expect(reply.json["status"] as? String == "ERROR")
        #expect((reply.json["error"] as? String)?.contains(named) == true, "\(reply.json)")
        #expect(reply.json.keys.sorted() == ["error", "request_id", "status"])
    }

    @Test func unknownPathIs404() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/v1/nothing/here")
        #expect(reply.status == 404)
        #expect(reply.json["status"] as? String == "NOT_FOUND")
    }

    /// The limiter's clock stands still unless the test moves it, so no token refills however slowly the
    /// machine runs the requests (a loaded machine once took 71 s for eight of them).
    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        let time = ManualTime()
        let server = try await TestServer.start {
            $0.requestsPerMinute = 1
            $0.rateLimitBurst = 5
            $0.rateLimitClock = .manual(time)
        }
        defer { Task { await server.stop() } }
        var statuses: [Int] = []
        for index in 0..<7 {
            statuses.append(try await server.get("/v3/trades/ILLQ?timestamp=2024-03-15&limit=\(index + 1)").status)
        }
        #expect(statuses == [200, 200, 200, 200, 200, 429, 429])
        let limited = try await server.get("/v3/trades/ILLQ?timestamp=2024-03-15&limit=1")
        #expect(
            limited.json["error"] as? String
                == "You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue. https://polygon.io/pricing")
        // One token a minute, none left: the next one is a minute away.
        #expect(limited.headers["retry-after"] == "60")
        // Another key has its own bucket.
        #expect(try await server.get("/v3/trades/ILLQ?timestamp=2024-03-15&limit=1", bearer: "other-key").status == 200)
        // Half a minute refills half a token; a whole minute, one.
        time.advance(by: .seconds(30))
        let halfway = try await server.get("/v3/trades/ILLQ?timestamp=2024-03-15&limit=1")
        #expect(halfway.status == 429)
        #expect(halfway.headers["retry-after"] == "30")
        time.advance(by: .seconds(30))
        #expect(try await server.get("/v3/trades/ILLQ?timestamp=2024-03-15&limit=1").status == 200)
        #expect(try await server.get("/v3/trades/ILLQ?timestamp=2024-03-15&limit=1").status == 429)
    }

    @Test func injectedFaultsAreDeterministicAndRetriesSucceed() async throws {
        let plan = try FaultPlanFixture.plan("5xx=0.3,drop=0.2,truncate=0.2,seed=11")
        let server = try await TestServer.start { $0.faults = plan }
        defer { Task { await server.stop() } }
        var outcomes: [String] = []
        for index in 0..<30 {
            let path = "/v3/trades/ILLQ?timestamp=2024-03-15&limit=\(index + 1)"
            var attempt = 0
            while true {
                attempt += 1
                do {
                    let reply = try await server.get(path)
                    if reply.status == 200, (try? WireDecoder.tradesPage(Array(reply.body))) != nil {
                        outcomes.append("ok\(attempt)")
                        break
                    }
                    #expect(reply.status == 500 || reply.status == 200)
                } catch {
                    // dropped connection or truncated body
                }
                #expect(attempt < 20)
            }
        }
        // Some requests needed retries, and every one eventually succeeded.
        #expect(outcomes.contains { $0 != "ok1" })
        #expect(outcomes.count == 30)
        let statuses = await server.server.statistics.statuses
        #expect(statuses[500, default: 0] > 0)
    }
}

enum FaultPlanFixture {
    static func plan(_ text: String) throws -> FaultPlan { try FaultPlan(parsing: text) }
}
