import Foundation
import MarketData
import MarketSimulator
import SimulatorServer
import Testing

/// The issue's reproductions through the real binary: signals files from other editors, entries in
/// far years, output that cannot be written, a server answering the wrong window, a base URL with a path.
@Suite(.serialized)
struct HostileInputCommandTests {
    static let key = "hostile-input-test-key-0123456789"

    static func temporary(_ name: String) -> String {
        NSTemporaryDirectory() + "tapedeck-\(name)-\(UUID().uuidString)"
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Windows line ends and a UTF-8 byte order mark read the same entries as a plain file.
    @Test(arguments: ["\r\n", "\r"], [false, true])
    func signalsFromOtherEditorsReadAlike(_ newline: String, _ bom: Bool) async throws {
        let lines = ["symbol,entry_time,id", "ETSY,2024-03-15 10:00,c1", "CROX,2024-03-15 11:00,c2", ""]
        let plain = Self.temporary("plain") + ".csv"
        let other = Self.temporary("other") + ".csv"
        defer { try? FileManager.default.removeItem(atPath: plain); try? FileManager.default.removeItem(atPath: other) }
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: plain))
        try Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(lines.joined(separator: newline).utf8)).write(to: URL(fileURLWithPath: other))
        let expected = try await CommandRunner.run(["backtest", "--signals", plain, "--adapters", "M1EMA", "--format", "csv"])
        let result = try await CommandRunner.run(["backtest", "--signals", other, "--adapters", "M1EMA", "--format", "csv"])
        #expect(expected.status == 0 && result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected.stdout)
        #expect(result.stdout.split(separator: "\n").count == 3)
    }

    /// An entry in a year no nanosecond timestamp holds: one line naming the file, line, value and range.
    @Test(arguments: ["9999-03-15 10:00", "1600-03-15 10:00", "2262-04-12 10:00", "0001-01-01T10:00:00Z"])
    func farEntriesAreOneLineErrors(_ entry: String) async throws {
        let signals = Self.temporary("far") + ".csv"
        defer { try? FileManager.default.removeItem(atPath: signals) }
        try "ETSY,\(entry),x\n".write(toFile: signals, atomically: true, encoding: .utf8)
        let result = try await CommandRunner.run(["backtest", "--signals", signals, "--adapters", "M1EMA"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("Error: \(signals):1: time \"\(entry)\" is out of range") == true, "\(result.stderr)")
        #expect(lines.first?.contains("from 1677-09-21T00:12:43.145224192Z through 2262-04-11T23:47:16.854775807Z") == true)
    }

    /// Output to a full disk: one line and exit 1, never a trap or an exit 0 with nothing written.
    @Test(
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")),
        arguments: [
            ["archive", "export", "recordings/sample-2024-03-15.tapedeck", "--symbol", "CROX", "--kind", "trades", "--format", "csv"],
            ["backtest", "--adapters", "M1EMA"], ["archive", "info", "recordings/sample-2024-03-15.tapedeck"],
            ["calendar", "--from", "2024-01-01", "--to", "2024-12-31"], ["adapters", "list"],
        ])
    func fullStandardOutputIsAnError(_ arguments: [String]) async throws {
        let result = try await Self.run(arguments, standardOutput: "/dev/full")
        #expect(result.status == 1, "\(result.stderr)")
        let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last == "Error: cannot write to standard output: No space left on device (errno 28); free space where it goes or redirect it elsewhere")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func fullOutFileIsAnError() async throws {
        let result = try await CommandRunner.run(["backtest", "--adapters", "M1EMA", "--out", "/dev/full"])
        #expect(result.status == 1)
        let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("Error: cannot write \"/dev/full\": No space left on device"), "\(result.stderr)")
    }

    /// Numbers too large for the minutes they stand for are refused up front, not multiplied into an
    /// overflow.
    @Test(arguments: [
        (["audit", "--horizon", "999999999999999", "--adapters", "M1EMA"], "--horizon"),
        (
            [
                "record", "--simulate", "1", "--symbols", "CROX", "--date", "2024-03-15", "--chunk-minutes", "999999999999999", "--archive",
                "/nonexistent/x.tapedeck",
            ], "--chunk-minutes"
        ),
        (
            [
                "record", "--simulate", "1", "--signals", "recordings/sample-signals.csv", "--for-audit", "--horizon", "999999999999999", "--archive",
                "/nonexistent/x.tapedeck",
            ], "--horizon"
        ),
    ])
    func hugeMinuteCountsAreRefused(_ arguments: [String], _ option: String) async throws {
        let result = try await CommandRunner.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: \(option) 999999999999999 must be from 1 to 1440"), "\(result.stderr)")
    }

    /// A `--profile` that names no preset, or one without `--simulate`, is a usage error saying what to give.
    @Test(arguments: [
        (
            ["--simulate", "1", "--profile", "SPY=huge"],
            "Error: --profile SPY=huge is not SYMBOL=PROFILE with PROFILE one of very-liquid, mid, illiquid, extreme"
        ),
        (["--simulate", "1", "--profile", "SPY"], "Error: --profile SPY is not SYMBOL=PROFILE"),
        (["--profile", "SPY=extreme"], "Error: --profile shapes the simulator: use it with --simulate SEED"),
    ])
    func badProfilesAreRefused(_ options: [String], _ message: String) async throws {
        let result = try await CommandRunner.run(
            ["record", "--symbols", "SPY", "--date", "2024-03-15", "--archive", "/nonexistent/x.tapedeck"] + options)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    /// A parallelism far beyond the entries runs as many at once as there are entries.
    @Test func hugeParallelismRunsTheEntries() async throws {
        let plain = try await CommandRunner.run(["backtest", "--adapters", "M1EMA", "--format", "csv"])
        let wide = try await CommandRunner.run(["backtest", "--adapters", "M1EMA", "--format", "csv", "--parallelism", "99999999999"])
        #expect(wide.status == 0, "\(wide.stderr)")
        #expect(wide.stdout == plain.stdout && !plain.stdout.isEmpty)
    }

    /// A server that answers every trades request an hour late: `record` fails naming the request and the
    /// record, stores nothing and marks nothing covered, so recording from an honest server fills it.
    @Test func recordFromAServerAnsweringAnotherWindowStoresNothing() async throws {
        let late = try await Self.serve(ShiftedTrades(base: SimulatorSource(seed: 1), shift: Timestamp.nanosecondsPerHour))
        defer { late.task.cancel() }
        let honest = try await Self.serve(SimulatorSource(seed: 1))
        defer { honest.task.cancel() }
        let archive = Self.temporary("shifted") + ".tapedeck"
        defer { Self.remove(archive) }
        let record = ["record", "--symbols", "CROX", "--date", "2024-03-15", "--kinds", "trades", "--from", "10:00", "--to", "10:30", "--archive", archive]
        let environment = ["POLYGON_API_KEY": Self.key]
        let failed = try await CommandRunner.run(record + ["--base-url", late.url], environment: environment)
        #expect(failed.status == 1)
        let error = failed.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(error.hasPrefix("Error: results[0] of the response to GET \(late.url)/v3/trades/CROX?"), "\(failed.stderr)")
        #expect(error.contains("lies outside the requested window") && error.contains("nothing of this request was stored"))
        let info = try await CommandRunner.run(["archive", "info", archive])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(!info.stdout.contains("CROX 2024-03-15 trades"), "\(info.stdout)")
        let repaired = try await CommandRunner.run(record + ["--base-url", honest.url], environment: environment)
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(repaired.stdout.hasPrefix("recorded 2 chunks"), "\(repaired.stdout)")
    }

    /// A base URL with a path the server does not serve is named as such, not as an unknown symbol.
    @Test func baseURLWithAPathIsNamed() async throws {
        let server = try await Self.serve(SimulatorSource(seed: 1))
        defer { server.task.cancel() }
        let archive = Self.temporary("prefix") + ".tapedeck"
        defer { Self.remove(archive) }
        let result = try await CommandRunner.run(
            ["record", "--symbols", "CROX", "--date", "2024-03-15", "--kinds", "bars", "--archive", archive, "--base-url", server.url + "/prefix"],
            environment: ["POLYGON_API_KEY": Self.key])
        #expect(result.status == 1)
        let error = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(error.contains("has the path /prefix") && error.contains("use the base URL \(server.url)"), "\(result.stderr)")
        #expect(!error.contains("unknown symbol"))
    }

    /// Runs `tapedeck arguments…` in the package root with standard output going to the file at `path`;
    /// the result's `stdout` is empty.
    static func run(_ arguments: [String], standardOutput path: String) async throws -> CommandRunner.Result {
        try await offThePool { try runWaiting(arguments, standardOutput: path) }
    }

    private static func runWaiting(_ arguments: [String], standardOutput path: String) throws -> CommandRunner.Result {
        let process = Process()
        process.executableURL = try CommandRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = CommandRunner.packageRoot
        let output = try #require(FileHandle(forWritingAtPath: path))
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "tapedeck \(arguments.joined(separator: " ")) died of signal \(process.terminationStatus)")
        return CommandRunner.Result(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A simulator server over `source` in this process.
    static func serve(_ source: any MarketDataSource) async throws -> (url: String, task: Task<Void, any Error>) {
        var configuration = ServerConfiguration()
        configuration.port = 0
        let server = SimulatorServer(source: source, configuration: configuration)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        return ("http://127.0.0.1:\(port)", task)
    }
}

/// A source whose trades are those of `base` for the window, stamped `shift` later: a server serving it
/// answers every trades request with records from another window.
struct ShiftedTrades: MarketDataSource {
    let base: any MarketDataSource
    let shift: Int64

    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try await base.bars(symbol, in: window, progress: progress)
    }

    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try await base.trades(symbol, in: window, progress: progress).map { trade in
            var moved = trade
            moved.sipTimestamp = trade.sipTimestamp.advanced(by: shift)
            return moved
        }
    }

    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try await base.quotes(symbol, in: window, progress: progress)
    }
}
