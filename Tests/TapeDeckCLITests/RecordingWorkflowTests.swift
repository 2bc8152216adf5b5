import Foundation
import MarketData
import MarketSimulator
import SimulatorServer
import Testing
import Verification

/// The user's workflow from the README, against the simulator server as the "live" API: record exactly
/// what a backtest reads, backtest it offline; or backtest live twice, the second run free.
@Suite(.serialized)
struct RecordingWorkflowTests {
    static let key = "workflow-test-key-0123456789abcdef"

    /// The simulator (seed 1, as the committed sample) served in this process, counting requests.
    static func serve() async throws -> (SimulatorServer, String, Task<Void, any Error>) {
        var configuration = ServerConfiguration()
        configuration.port = 0
        let server = SimulatorServer(source: SimulatorSource(seed: 1), configuration: configuration)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        return (server, "http://127.0.0.1:\(port)", task)
    }

    static func temporary(_ name: String) -> String {
        NSTemporaryDirectory() + "tapedeck-\(name)-\(UUID().uuidString).tapedeck"
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test func recordTheSignalsThenBacktestOffline() async throws {
        let (server, url, task) = try await Self.serve()
        defer { task.cancel() }
        let archive = Self.temporary("signals")
        defer { Self.remove(archive) }
        let environment = ["POLYGON_API_KEY": Self.key]
        let record = try await CommandRunner.run(
            ["record", "--signals", "recordings/sample-signals.csv", "--base-url", url, "--archive", archive, "--rate-limit", "600"],
            environment: environment)
        #expect(record.status == 0, "\(record.stderr)")
        // The plan came first, with the requests it would cost and their time at the rate limit.
        let plan = try #require(record.stderr.split(separator: "\n").first { $0.hasPrefix("plan: ") })
        #expect(plan.contains("symbol-days") && plan.contains("requests") && plan.contains("at 600 requests/minute"))
        #expect(!record.stdout.contains(Self.key) && !record.stderr.contains(Self.key))
        // Offline, every adapter runs on what was recorded: never `notRecorded`, and the same values as
        // the committed sample (same simulator, same windows' data).
        let offline = try await CommandRunner.run(["backtest", "--archive", archive, "--format", "json"])
        #expect(offline.status == 0, "\(offline.stderr)")
        let sample = try await CommandRunner.run(["backtest", "--format", "json"])
        #expect(!offline.stdout.isEmpty && offline.stdout == sample.stdout)
        // Recording the same file again fetches nothing.
        let before = await server.statistics.totalRequests
        let again = try await CommandRunner.run(
            ["record", "--signals", "recordings/sample-signals.csv", "--base-url", url, "--archive", archive], environment: environment)
        #expect(again.status == 0 && again.stdout.hasPrefix("recorded 0 chunks"))
        #expect(await server.statistics.totalRequests == before)
    }

    @Test func forAuditAddsTheFutureTheAuditReads() async throws {
        let archive = Self.temporary("audit")
        defer { Self.remove(archive) }
        let signals = Self.temporary("signals") + ".csv"
        defer { try? FileManager.default.removeItem(atPath: signals) }
        // A multi-day file: two days, one of them a Monday whose prior session is the Friday before.
        try "symbol,entry_time,id\nCROX,2024-03-15 11:00,a\nCROX,2024-03-18 10:00,b\n".write(toFile: signals, atomically: true, encoding: .utf8)
        let record = try await CommandRunner.run(
            ["record", "--signals", signals, "--for-audit", "--simulate", "1", "--archive", archive, "--adapters", "M1EMA,CumDelta,PriorSession"])
        #expect(record.status == 0, "\(record.stderr)")
        let backtest = try await CommandRunner.run(
            ["backtest", "--archive", archive, "--signals", signals, "--adapters", "M1EMA,CumDelta,PriorSession", "--format", "json"])
        #expect(backtest.status == 0, "\(backtest.stderr)")
        let audit = try await CommandRunner.run(
            ["audit", "--archive", archive, "--signals", signals, "--adapters", "M1EMA,CumDelta,PriorSession"])
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
        #expect(!audit.stderr.contains("no data after the last entry") && !audit.stderr.contains("only 5 min past"))
    }

    @Test func theRateLimitComesFromTheOptionOrTheEnvironment() async throws {
        let archive = Self.temporary("rate")
        defer { Self.remove(archive) }
        let arguments = [
            "record", "--symbols", "CROX", "--date", "2024-03-15", "--kinds", "bars", "--base-url", "http://127.0.0.1:9", "--archive", archive, "--mode",
            "none",
        ]
        let bad = try await CommandRunner.run(arguments, environment: ["POLYGON_API_KEY": Self.key, "TAPEDECK_RATE_LIMIT": "five"])
        #expect(bad.status != 0 && bad.stderr.contains("TAPEDECK_RATE_LIMIT=five is not a positive whole number"))
        let zero = try await CommandRunner.run(arguments + ["--rate-limit", "0"], environment: ["POLYGON_API_KEY": Self.key])
        #expect(zero.status != 0 && zero.stderr.contains("--rate-limit 0 must be at least 1"))
        // Planning one missing day of bars at 5 requests a minute: two requests (bars + conditions) take 24 s.
        let (_, url, task) = try await Self.serve()
        defer { task.cancel() }
        let planned = try await CommandRunner.run(
            ["record", "--symbols", "CROX", "--date", "2024-03-15", "--kinds", "bars", "--base-url", url, "--archive", archive, "--chunk-minutes", "5"],
            environment: ["POLYGON_API_KEY": Self.key, "TAPEDECK_RATE_LIMIT": "5"])
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(
            planned.stderr.contains("plan: 1 symbol-days, bars; 1 chunks to fetch, about 2 requests; at 5 requests/minute that takes at least 24 s"),
            "\(planned.stderr)")
    }

    @Test func backtestLiveTwiceGivesTheSameBytesAndTheSecondRunMakesNoRequest() async throws {
        let (server, url, task) = try await Self.serve()
        defer { task.cancel() }
        let cache = Self.temporary("cache")
        defer { Self.remove(cache) }
        let arguments = ["backtest", "--live", "--base-url", url, "--cache", cache, "--adapters", "M1EMA,CumDelta,QuotedSpread", "--format", "json"]
        let first = try await CommandRunner.run(arguments, environment: ["POLYGON_API_KEY": Self.key])
        #expect(first.status == 0, "\(first.stderr)")
        let afterFirst = await server.statistics.totalRequests
        #expect(afterFirst > 0)
        let second = try await CommandRunner.run(arguments, environment: ["POLYGON_API_KEY": Self.key])
        #expect(second.status == 0)
        #expect(await server.statistics.totalRequests == afterFirst)
        #expect(!first.stdout.isEmpty && second.stdout == first.stdout)
        #expect(second.stderr.contains(" 0 fetched (0 chunks)"), "\(second.stderr)")
        // And the live values are the offline sample's.
        let sample = try await CommandRunner.run(["backtest", "--adapters", "M1EMA,CumDelta,QuotedSpread", "--format", "json"])
        #expect(first.stdout == sample.stdout)
    }

    @Test func datesSkipClosedDaysAndBadInputIsOneLine() async throws {
        let archive = Self.temporary("dates")
        defer { Self.remove(archive) }
        let result = try await CommandRunner.run(
            ["record", "--simulate", "1", "--symbols", "CROX", "--dates", "2024-03-29..2024-04-01", "--kinds", "bars", "--archive", archive])
        #expect(result.status == 0, "\(result.stderr)")
        // Good Friday, Saturday and Sunday are listed and skipped; Monday is recorded.
        #expect(result.stderr.contains("skipping 2024-03-29: market closed (Good Friday)"))
        #expect(result.stderr.contains("skipping 2024-03-30") && result.stderr.contains("skipping 2024-03-31"))
        let info = try await CommandRunner.run(["archive", "info", archive])
        #expect(info.stdout.contains("CROX 2024-04-01 bars"))
        let closedDay = Self.temporary("closed") + ".csv"
        let lateEntry = Self.temporary("late") + ".csv"
        defer { try? FileManager.default.removeItem(atPath: closedDay); try? FileManager.default.removeItem(atPath: lateEntry) }
        try "CROX,2024-12-25 10:00,x\n".write(toFile: closedDay, atomically: true, encoding: .utf8)
        try "CROX,2024-03-15 21:00,x\n".write(toFile: lateEntry, atomically: true, encoding: .utf8)
        for (bad, named) in [
            (["record", "--simulate", "1", "--symbols", "CROX", "--dates", "2024-03-30..2024-03-31", "--archive", archive], "no trading day"),
            (["record", "--simulate", "1", "--symbols", "CROX", "--dates", "2024-03-15..2024-03-11", "--archive", archive], "ends before it starts"),
            (["record", "--simulate", "1", "--signals", "recordings/sample-signals.csv", "--date", "2024-03-15", "--archive", archive], "--signals decides"),
            (["record", "--simulate", "1", "--signals", "recordings/no-such.csv", "--archive", archive], "cannot read signals file"),
            (["record", "--simulate", "1", "--signals", closedDay, "--archive", archive], "market closed on 2024-12-25: Christmas Day"),
            (["record", "--simulate", "1", "--signals", lateEntry, "--archive", archive], "outside the trading day"),
        ] {
            let failed = try await CommandRunner.run(bad)
            #expect(failed.status != 0)
            let error = failed.stderr.split(separator: "\n").first { $0.hasPrefix("Error: ") }
            #expect(error?.contains(named) == true, "\(failed.stderr)")
        }
    }
}
