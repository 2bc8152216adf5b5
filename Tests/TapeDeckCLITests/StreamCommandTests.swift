import Foundation
import MarketData
import TapeArchive
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `record --stream` and `backtest --stream` against `tapedeck serve`'s WebSocket feed, all as child
/// processes: a recorded hour against the REST recording of the same simulator, a server killed and
/// restarted mid-stream, and stream rows against the offline backtest.
@Suite(.timeLimit(.minutes(10)))
struct StreamCommandTests {
    static let key = ["POLYGON_API_KEY": "stream-test-key-0123456789"]
    static let day = try! LocalDate(parsing: "2024-03-15")
    static let symbols = [try! Symbol("ETSY"), try! Symbol("CROX")]

    static func at(_ hour: Int, _ minute: Int) -> Timestamp { NewYorkTime.instant(day, hour: hour, minute: minute) }

    /// The merged covered windows of `symbol`'s `kind` in the archive at `path`.
    static func coverage(_ path: String, _ symbol: Symbol, _ kind: DataKind) throws -> [TimeWindow] {
        var merged: [TimeWindow] = []
        for row in try Archive(path: path, readOnly: true).coverage(symbol, kind) {
            let window = TimeWindow(uncheckedStart: Timestamp(nanoseconds: row.start), end: Timestamp(nanoseconds: row.end))
            if let last = merged.last, last.end >= window.start {
                merged[merged.count - 1] = TimeWindow(uncheckedStart: last.start, end: max(last.end, window.end))
            } else {
                merged.append(window)
            }
        }
        return merged
    }

    /// A REST-recorded trade as the feed carries it: SIP and TRF times in whole milliseconds, no
    /// participant time (documented in docs/STREAMING.md).
    static func asStreamed(_ trade: Trade) -> Trade {
        var trade = trade
        trade.sipTimestamp = trade.sipTimestamp.rounded(downToMultipleOf: Timestamp.nanosecondsPerMillisecond)
        trade.trfTimestamp = trade.trfTimestamp?.rounded(downToMultipleOf: Timestamp.nanosecondsPerMillisecond)
        trade.participantTimestamp = nil
        return trade
    }

    static func asStreamed(_ quote: Quote) -> Quote {
        var quote = quote
        quote.sipTimestamp = quote.sipTimestamp.rounded(downToMultipleOf: Timestamp.nanosecondsPerMillisecond)
        quote.participantTimestamp = nil
        return quote
    }

    /// Every trade and quote of the stream recording's covered windows equals the REST recording's, but
    /// for the feed's precision; bars equal but for the trade count the feed does not send.
    static func expectEqualToREST(stream: String, rest: String) throws {
        let streamed = ArchiveSource(archive: try Archive(path: stream, readOnly: true))
        let recorded = ArchiveSource(archive: try Archive(path: rest, readOnly: true))
        for symbol in symbols {
            for window in try coverage(stream, symbol, .trades) {
                let expected = try recorded.replay(Trade.self, symbol, in: window).map(asStreamed)
                #expect(try streamed.replay(Trade.self, symbol, in: window) == expected, "\(symbol) trades in \(window)")
                #expect(!expected.isEmpty || symbol.rawValue == "CROX", "ETSY trades every few seconds")
            }
            for window in try coverage(stream, symbol, .quotes) {
                let expected = try recorded.replay(Quote.self, symbol, in: window).map(asStreamed)
                #expect(try streamed.replay(Quote.self, symbol, in: window) == expected, "\(symbol) quotes in \(window)")
            }
            for window in try coverage(stream, symbol, .bars) {
                let expected = try recorded.replay(Bar.self, symbol, in: window).map { bar in
                    var bar = bar
                    bar.transactions = nil
                    return bar
                }
                #expect(try streamed.replay(Bar.self, symbol, in: window) == expected, "\(symbol) bars in \(window)")
            }
        }
    }

    /// An hour of the simulator recorded from the feed at --speed max equals the REST recording of the
    /// same hour, and `archive info` marks it as stream-recorded.
    @Test func aRecordedHourEqualsTheRESTRecording() async throws {
        let directory = try ArchiveRobustnessTests.temporaryDirectory("stream")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServeProcess.start(["--seed", "1", "--start", "2024-03-15T10:00", "--speed", "max"], command: ["serve"])
        defer { server.stop() }
        let stream = directory + "/stream.tapedeck"
        let recorded = try await CommandRunner.run(
            [
                "record", "--stream", "ws://127.0.0.1:\(server.port)/stocks", "--symbols", "ETSY,CROX", "--to", "11:00", "--archive", stream,
                "--base-url", "http://127.0.0.1:\(server.port)",
            ], environment: Self.key)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("over 1 connections"), "\(recorded.stdout)")
        let rest = directory + "/rest.tapedeck"
        let restRun = try await CommandRunner.run(
            ["record", "--simulate", "1", "--symbols", "ETSY,CROX", "--date", "2024-03-15", "--from", "10:00", "--to", "11:00", "--archive", rest])
        #expect(restRun.status == 0, "\(restRun.stderr)")

        let trades = try Self.coverage(stream, Self.symbols[0], .trades)
        #expect(trades.count == 1 && trades[0].start > Self.at(10, 0) && trades[0].start < Self.at(10, 1) && trades[0].end == Self.at(11, 0))
        #expect(try Self.coverage(stream, Self.symbols[0], .bars).last?.end == Self.at(11, 0))
        try Self.expectEqualToREST(stream: stream, rest: rest)
        let info = try await CommandRunner.run(["archive", "info", stream])
        #expect(info.stdout.contains("ETSY 2024-03-15 trades:") && info.stdout.contains("[stream: millisecond times]"), "\(info.stdout)")
        #expect(try await CommandRunner.run(["archive", "verify", stream]).status == 0)
        #expect(!(try String(contentsOfFile: stream, encoding: .isoLatin1)).contains(Self.key["POLYGON_API_KEY"]!))
    }

    /// The server dies mid-stream and comes back (starting later in the day): the recorder reconnects,
    /// the time between is a gap in coverage, and everything covered before it equals the REST recording.
    @Test func aKilledServerIsAGapAndTheRecorderReconnects() async throws {
        let directory = try ArchiveRobustnessTests.temporaryDirectory("stream-kill")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try ServeProcess.start(["--seed", "1", "--start", "2024-03-15T10:00", "--speed", "120"], command: ["serve"])
        defer { first.stop() }
        let port = first.port
        let stream = directory + "/stream.tapedeck"
        let arguments = [
            "record", "--stream", "ws://127.0.0.1:\(port)/stocks", "--symbols", "ETSY,CROX", "--to", "10:40", "--archive", stream, "--base-url",
            "http://127.0.0.1:\(port)",
        ]
        let (status, stderr, second) = try await offThePool { () throws -> (Int32, String, ServeProcess?) in
            let process = Process()
            process.executableURL = try CommandRunner.executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(Self.key) { $1 }
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var seen = ""
            var restarted: ServeProcess?
            let handle = errors.fileHandleForReading
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
                if restarted == nil, seen.contains("covered through 2024-03-15T10:10") {
                    kill(first.process.processIdentifier, SIGKILL)
                    first.process.waitUntilExit()
                    restarted = try ServeProcess.start(["--seed", "1", "--start", "2024-03-15T10:25", "--speed", "max"], command: ["serve"], port: port)
                }
            }
            process.waitUntilExit()
            return (process.terminationStatus, seen, restarted)
        }
        defer { second?.stop() }
        #expect(second != nil, "the recorder never covered 10:10: \(stderr)")
        #expect(status == 0, "\(stderr)")
        // The first attempts after the kill may find the port closed (the second server is still starting);
        // some later connection subscribes.
        let resubscribed = stderr.split(separator: "\n").contains { line in
            let words = line.split(separator: " ")
            return words.count == 3 && words[0] == "connection" && (Int(words[1].dropLast()) ?? 0) >= 2 && words[2] == "subscribed"
        }
        #expect(stderr.contains("connection 1 ended") && resubscribed, "\(stderr)")

        let trades = try Self.coverage(stream, Self.symbols[0], .trades)
        #expect(trades.count >= 2, "\(trades)")
        #expect(trades.first.map { $0.end >= Self.at(10, 10) && $0.end < Self.at(10, 25) } == true, "\(trades)")
        #expect(trades.allSatisfy { $0.intersection(TimeWindow(uncheckedStart: Self.at(10, 20), end: Self.at(10, 25))) == nil }, "the gap: \(trades)")
        #expect(trades.last.map { $0.start > Self.at(10, 25) && $0.end == Self.at(10, 40) } == true, "\(trades)")

        let rest = directory + "/rest.tapedeck"
        let restRun = try await CommandRunner.run(
            ["record", "--simulate", "1", "--symbols", "ETSY,CROX", "--date", "2024-03-15", "--from", "10:00", "--to", "10:40", "--archive", rest])
        #expect(restRun.status == 0, "\(restRun.stderr)")
        try Self.expectEqualToREST(stream: stream, rest: rest)
    }

    /// Ctrl-C stops the recorder at the next message: it exits 0 and keeps everything complete so far.
    @Test func ctrlCKeepsWhatIsComplete() async throws {
        let directory = try ArchiveRobustnessTests.temporaryDirectory("stream-interrupt")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServeProcess.start(["--seed", "1", "--start", "2024-03-15T10:00", "--speed", "300"], command: ["serve"])
        defer { server.stop() }
        let stream = directory + "/stream.tapedeck"
        let arguments = [
            "record", "--stream", "ws://127.0.0.1:\(server.port)/stocks", "--symbols", "ETSY", "--archive", stream, "--base-url",
            "http://127.0.0.1:\(server.port)",
        ]
        let (status, stdout, stderr) = try await offThePool { () throws -> (Int32, String, String) in
            let process = Process()
            process.executableURL = try CommandRunner.executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(Self.key) { $1 }
            let errors = Pipe()
            let output = Pipe()
            process.standardError = errors
            process.standardOutput = output
            try process.run()
            var seen = ""
            var interrupted = false
            let handle = errors.fileHandleForReading
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
                // Once: a second signal quits at once (exit 130), by design.
                if !interrupted, seen.contains("covered through 2024-03-15T10:05") {
                    interrupted = true
                    kill(process.processIdentifier, SIGINT)
                }
            }
            let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, stdout, seen)
        }
        #expect(status == 0, "\(stderr)")
        #expect(stderr.contains("stopping with the next message"), "\(stderr)")
        #expect(stdout.contains("recorded ") && stdout.contains("over 1 connections"), "\(stdout)")
        let covered = try Self.coverage(stream, Self.symbols[0], .trades)
        #expect(covered.count == 1 && covered[0].end >= Self.at(10, 5) && covered[0].end < Self.at(20, 0), "\(covered)")
    }

    /// Rows computed on the feed of the committed recording, replayed from 04:00 at --speed max, equal
    /// the offline backtest's byte for byte: the server's `tns` keeps the nanoseconds, the committed
    /// recording gives the prior sessions.
    @Test func streamRowsEqualTheOfflineBacktest() async throws {
        let directory = try ArchiveRobustnessTests.temporaryDirectory("stream-backtest")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let signals = directory + "/signals.csv"
        // The sample's ETSY and CROX entries, in time order (SPY's quotes make a much longer replay).
        let lines = try String(contentsOfFile: CommandRunner.packageRoot.path + "/recordings/sample-signals.csv", encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("ETSY,") || $0.hasPrefix("CROX,") }.sorted {
                $0.split(separator: ",")[1] < $1.split(separator: ",")[1]
            }
        #expect(lines.count == 6)
        try ("symbol,entry_time,id\n" + lines.joined(separator: "\n") + "\n").write(toFile: signals, atomically: true, encoding: .utf8)
        let sample = "recordings/sample-2024-03-15.tapedeck"
        let server = try ServeProcess.start(["--archive", sample, "--start", "2024-03-15T04:00", "--speed", "max"], command: ["serve"])
        defer { server.stop() }

        let streamed = try await CommandRunner.run([
            "backtest", "--stream", "ws://127.0.0.1:\(server.port)/stocks", "--archive", sample, "--signals", signals,
        ])
        #expect(streamed.status == 0, "\(streamed.stderr)")
        let offline = try await CommandRunner.run(["backtest", "--archive", sample, "--signals", signals, "--format", "json"])
        #expect(offline.status == 0)
        #expect(streamed.stdout.split(separator: "\n").count == 6)
        #expect(streamed.stdout == offline.stdout)
    }

    /// Without a source for the time before the feed's first event, an entry that needs it is a one-line
    /// error naming the options that give it; a table cannot be streamed.
    @Test func streamBacktestsSayWhatTheyLack() async throws {
        let server = try ServeProcess.start(["--seed", "1", "--start", "2024-03-15T10:00", "--speed", "max"], command: ["serve"])
        defer { server.stop() }
        let noHistory = try await CommandRunner.run(["backtest", "--stream", "ws://127.0.0.1:\(server.port)/stocks", "--adapters", "M1EMA,PriorSession"])
        #expect(noHistory.status == 1)
        let error = noHistory.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(error.contains("give the earlier data with --archive, --simulate or --live"), "\(noHistory.stderr)")
        let table = try await CommandRunner.run(["backtest", "--stream", "ws://127.0.0.1:\(server.port)/stocks", "--format", "table"])
        #expect(table.status != 0 && table.stderr.contains("use --format json"), "\(table.stderr)")
    }

    /// Without a key, a feed on this machine is recorded (its trade-condition table read from the same
    /// server), while a remote feed, the real-time one `--stream` defaults to included, is refused before
    /// anything is created: no empty archive is left behind.
    @Test func withoutAKeyOnlyALocalFeedIsRecorded() async throws {
        let directory = try ArchiveRobustnessTests.temporaryDirectory("stream-keyless")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let noKey = ["POLYGON_API_KEY": "", "MASSIVE_API_KEY": ""]
        let server = try ServeProcess.start(["--seed", "1", "--start", "2024-03-15T10:00", "--speed", "max"], command: ["serve"])
        defer { server.stop() }
        let local = directory + "/local.tapedeck"
        let recorded = try await CommandRunner.run(
            ["record", "--stream", "ws://127.0.0.1:\(server.port)/stocks", "--symbols", "CROX", "--to", "10:10", "--archive", local], environment: noKey)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(try Self.coverage(local, Self.symbols[1], .trades).last?.end == Self.at(10, 10))
        let info = try await CommandRunner.run(["archive", "info", local])
        #expect(info.stdout.contains("trade conditions: ") && !info.stdout.contains("none stored"), "\(info.stdout)")

        let remote = directory + "/remote.tapedeck"
        let refused = try await CommandRunner.run(
            ["record", "--stream", "wss://socket.massive.com/stocks", "--symbols", "CROX", "--archive", remote], environment: noKey)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no Polygon API key"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: remote))

        // `--stream` without a URL is the real-time feed (so a key is needed), last or before another option.
        for arguments in [["--stream", "--symbols", "CROX", "--archive", remote], ["--symbols", "CROX", "--archive", remote, "--stream"]] {
            let real = try await CommandRunner.run(["record"] + arguments, environment: noKey)
            #expect(real.status == 1 && real.stderr.contains("no Polygon API key"), "\(real.stderr)")
        }
        let backtest = try await CommandRunner.run(["backtest", "--stream", "--format", "csv"], environment: noKey)
        #expect(backtest.status == 1 && backtest.stderr.contains("no Polygon API key"), "\(backtest.stderr)")
        #expect(!FileManager.default.fileExists(atPath: remote))
    }
}
