import Foundation
import Testing

/// `custom-tapedeck` is `tapedeck` with TradeRange5m added: the adapter runs through `backtest`, `audit`
/// and `golden` on TapeDeck's committed sample recording, without any change to TapeDeck's sources.
struct CommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let archive = ["--archive", "../../recordings/sample-2024-03-15.tapedeck"]
    static let signals = ["--signals", "../../recordings/sample-signals.csv"]

    /// Runs the `custom-tapedeck` built next to the test bundle, in the package root.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let process = Process()
        process.executableURL = directory.appendingPathComponent("custom-tapedeck")
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func theAdapterIsListedAfterTapeDecksOwn() throws {
        let result = try Self.run(["adapters", "list"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("TradeRange5m"))
        #expect(result.stdout.contains("M1EMA"))
    }

    @Test func backtestRunsItBesideABuiltInAdapter() throws {
        let result = try Self.run(["backtest"] + Self.archive + Self.signals + ["--adapters", "TradeRange5m,M1EMA", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count >= 10)
        #expect(lines.allSatisfy { $0.contains("\"TradeRange5m.range_bps\":") && $0.contains("\"M1EMA.ema\":") })
    }

    @Test func theAuditPassesConclusively() throws {
        let result = try Self.run(["audit"] + Self.archive + Self.signals + ["--adapters", "TradeRange5m"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("FAIL") && !result.stdout.contains("INCONCLUSIVE"))
    }

    @Test func goldenFilesMatch() throws {
        let result = try Self.run(["golden", "verify"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 golden files match"))
    }

    @Test func anUnknownAdapterListsThisOneAmongTheKnown() throws {
        let result = try Self.run(["backtest"] + Self.archive + Self.signals + ["--adapters", "TradeRange6m"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown adapter \"TradeRange6m\"") && result.stderr.contains("TradeRange5m"))
    }
}
