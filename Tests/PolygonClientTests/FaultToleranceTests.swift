import MarketData
import MarketSimulator
import PolygonClient
import SimulatorServer
import Testing

extension LoopbackTests {
    /// 5% 500s, 5% dropped connections, 2% truncated bodies and 10% delayed answers: the records are
    /// still exact, and the server saw a bounded number of extra requests.
    @Test func faultsAreRetriedToAnExactResult() async throws {
        let server = try await LoopbackServer.start {
            $0.faults = try! FaultPlan(parsing: "5xx=0.05,drop=0.05,truncate=0.02,delay=0.1:30ms,seed=7")
        }
        defer { Task { await server.stop() } }
        let budget = 60
        let client = try makeClient(server.base) {
            $0.pageLimit = 1500
            $0.retry.retryBudget = budget
        }
        let span = window(at(9, 30), at(11, 30))
        let trades = try await client.trades(mid, in: span)
        let quotes = try await client.quotes(mid, in: span)
        #expect(trades == simulator.trades(mid, in: span))
        #expect(quotes == simulator.quotes(mid, in: span))
        let statistics = server.server.statistics
        let total = await statistics.totalRequests
        let statuses = await statistics.statuses
        let good = statuses[200, default: 0]
        let failed = total - good
        // Faults did happen, and each one cost exactly one retry, within the budgets of the three fetches
        // (volume, trades, quotes).
        #expect(failed > 0)
        #expect(failed <= 3 * budget)
        #expect(statuses[500, default: 0] > 0)
        #expect(await statistics.maxInFlight <= 5)
    }

    /// A request slower than the client's deadline times out and is retried; the result is exact.
    @Test func timeoutsAreRetried() async throws {
        let server = try await LoopbackServer.start {
            $0.faults = try! FaultPlan(parsing: "delay=0.3:3000ms,seed=5")
        }
        defer { Task { await server.stop() } }
        let logs = LogCapture()
        let client = try makeClient(server.base) {
            $0.requestTimeout = .seconds(1)
            $0.logger = logs.logger
        }
        let span = window(at(9, 30), at(11, 30))
        #expect(try await client.trades(illiquid, in: span) == simulator.trades(illiquid, in: span))
        #expect(logs.all.contains { $0.contains("retrying") && $0.contains("timed out") })
    }

    /// The server's own limit (429 with Retry-After) is honoured: the client waits and the result is exact.
    /// The server's bucket holds one request and refills two a second of its own clock, which moves a
    /// tenth of a second per request, whatever the wall clock does: one request in five finds a token,
    /// however loaded the machine is, and about a dozen pages keep the bucket busy.
    @Test func rateLimitedByServerHonoursRetryAfter() async throws {
        let reads = Counter()
        let time = ManualTime()
        let server = try await LoopbackServer.start {
            $0.requestsPerMinute = 120
            $0.rateLimitBurst = 1
            $0.rateLimitClock = PacingClock {
                reads.increment()
                return .milliseconds(100 * reads.count)
            }
        }
        defer { Task { await server.stop() } }
        let span = window(at(10, 0), at(10, 30))
        let expected = simulator.quotes(mid, in: span)
        let client = try makeClient(server.base) {
            $0.pageLimit = expected.count / 12 + 1
            // Requests wake together after each Retry-After and only one finds a token, so allow enough
            // attempts per request; the budget still bounds the whole fetch.
            $0.retry.maxAttempts = 40
            $0.clock = .manual(time)
        }
        let quotes = try await client.quotes(mid, in: span)
        #expect(quotes == expected)
        let statistics = server.server.statistics
        let statuses = await statistics.statuses
        let total = await statistics.totalRequests
        #expect(total > 12)
        #expect(statuses[429, default: 0] > 0)
        #expect(statuses[429, default: 0] <= 200)
        #expect(statuses[200, default: 0] + statuses[429, default: 0] == total)
        // Retry-After is at least one second, and the client slept it on its clock.
        #expect(time.now >= .seconds(1))
    }

    /// The client's own token bucket holds: N requests with burst B at R per minute take (N-B)/R minutes
    /// of the client's clock. Sleeping on a manual clock costs no wall time and moves it to the sleep's
    /// end, so the 25th request's token is due at exactly (25-5) × 100 ms, however loaded the machine is.
    @Test func clientRateLimitHolds() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let time = ManualTime()
        let client = try makeClient(server.base) {
            $0.requestsPerMinute = 600
            $0.rateLimitBurst = 5
            $0.clock = .manual(time)
        }
        // 1 volume request + 24 chunks of 15 minutes.
        _ = try await client.trades(illiquid, in: window(at(9, 30), at(15, 30)))
        #expect(await server.server.statistics.totalRequests == 25)
        #expect(time.now == .seconds(2))
    }

    /// However many chunks there are, the server never holds more than the configured number at once.
    @Test(arguments: [2, 5])
    func concurrencyIsBounded(limit: Int) async throws {
        let server = try await LoopbackServer.start {
            $0.faults = try! FaultPlan(parsing: "delay=1.0:40ms,seed=3")
        }
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base) { $0.maxConcurrentRequests = limit }
        let span = window(at(9, 30), at(12, 0))
        #expect(try await client.trades(illiquid, in: span) == simulator.trades(illiquid, in: span))
        #expect(await server.server.statistics.maxInFlight == limit)
    }

    /// Cancelling the caller stops every request in flight at once: every answer is delayed ten minutes,
    /// so only a prompt cancellation finishes inside the test's three-minute limit (generous for a loaded
    /// machine, far below the delay).
    @Test(.timeLimit(.minutes(3))) func cancellationIsPrompt() async throws {
        let server = try await LoopbackServer.start {
            $0.faults = try! FaultPlan(parsing: "delay=1.0:600000ms,seed=1")
        }
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base) { $0.requestTimeout = .seconds(1200) }
        let task = Task { try await client.quotes(mid, in: fullDay) }
        // Cancel once the first request is waiting at the server.
        while await server.server.statistics.inFlight == 0 { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
    }
}
