import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Archives in read-only places, recorders racing to create one archive, and recorders killed mid-way —
/// all with real `tapedeck` processes.
@Suite(.serialized)
struct ArchiveRobustnessTests {
    static func temporaryDirectory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "tapedeck-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `tapedeck arguments…` as the unprivileged user `nobody` when this process is root (as in CI),
    /// since root ignores file permissions; as the current user otherwise.
    static func runUnprivileged(_ arguments: [String]) async throws -> CommandRunner.Result {
        let launcher = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        return try await CommandRunner.run(arguments, launcher: launcher)
    }

    @Test func archivesInAReadOnlyFolderAreReadable() async throws {
        let directory = try Self.temporaryDirectory("readonly")
        defer {
            chmod(directory, 0o755)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let archive = directory + "/sample.tapedeck"
        try FileManager.default.copyItem(
            atPath: CommandRunner.packageRoot.appendingPathComponent("recordings/sample-2024-03-15.tapedeck").path, toPath: archive)
        let signals = directory + "/signals.csv"
        try FileManager.default.copyItem(
            atPath: CommandRunner.packageRoot.appendingPathComponent("recordings/sample-signals.csv").path, toPath: signals)
        chmod(archive, 0o444)
        chmod(signals, 0o444)
        chmod(directory, 0o555)
        #expect(!FileManager.default.fileExists(atPath: archive + "-shm"))
        let verify = try await Self.runUnprivileged(["archive", "verify", archive])
        #expect(verify.status == 0 && verify.stdout.contains("verify OK"), "\(verify.stdout)\(verify.stderr)")
        let export = try await Self.runUnprivileged(["archive", "export", archive, "--symbol", "CROX", "--kind", "trades", "--format", "csv"])
        #expect(export.status == 0 && export.stdout.split(separator: "\n").count > 100, "\(export.stderr)")
        let backtest = try await Self.runUnprivileged(
            ["backtest", "--archive", archive, "--signals", signals, "--adapters", "M1EMA,CumDelta", "--format", "json"])
        let expected = try await CommandRunner.run(["backtest", "--adapters", "M1EMA,CumDelta", "--format", "json"])
        #expect(backtest.status == 0 && backtest.stdout == expected.stdout, "\(backtest.stderr)")
        // Nothing was written next to the archive.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["sample.tapedeck", "signals.csv"])
    }

    @Test func recordersCreatingOneArchiveAtOnceBothSucceed() async throws {
        let directory = try Self.temporaryDirectory("race")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for round in 0..<6 {
            let archive = directory + "/race-\(round).tapedeck"
            async let first = CommandRunner.run(
                ["record", "--simulate", "1", "--symbols", "CROX", "--date", "2024-03-15", "--kinds", "bars", "--archive", archive])
            async let second = CommandRunner.run(
                ["record", "--simulate", "1", "--symbols", "ETSY", "--date", "2024-03-15", "--kinds", "bars", "--archive", archive])
            let results = try await [first, second]
            for result in results { #expect(result.status == 0, "round \(round): \(result.stderr)") }
            let info = try await CommandRunner.run(["archive", "info", archive])
            #expect(info.stdout.contains("CROX 2024-03-15 bars") && info.stdout.contains("ETSY 2024-03-15 bars"))
        }
    }

    /// Kills a recorder with SIGKILL once it has reported `decile`×10% of its chunks, resumes it, and
    /// compares the archive with one recorded without interruption.
    @Test(arguments: [2, 5, 8])
    func aRecorderKilledMidWayResumesToTheSameArchive(decile: Int) async throws {
        let directory = try Self.temporaryDirectory("kill")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let arguments = [
            "record", "--simulate", "1", "--symbols", "ETSY", "--date", "2024-03-15", "--kinds", "trades,quotes", "--chunk-minutes", "5", "--concurrency", "1",
        ]
        let killed = directory + "/killed.tapedeck"
        let reason = try await offThePool {
            let process = Process()
            process.executableURL = try CommandRunner.executable
            process.arguments = arguments + ["--archive", killed]
            process.currentDirectoryURL = CommandRunner.packageRoot
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var seen = ""
            let handle = err.fileHandleForReading
            // Progress lines name chunks done / total; stop at the first line at or past the decile.
            while process.isRunning {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
                if let line = seen.split(separator: "\n").last(where: { $0.contains(" chunks") }),
                    let fraction = line.split(separator: " ").first(where: { $0.contains("/") }),
                    let done = Int(fraction.split(separator: "/")[0]), let total = Int(fraction.split(separator: "/")[1]),
                    total > 0, done * 10 >= decile * total
                {
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
            }
            process.waitUntilExit()
            return process.terminationReason
        }
        #expect(reason == .uncaughtSignal, "the recorder finished before it could be killed")
        let resumed = try await CommandRunner.run(arguments + ["--archive", killed])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let whole = directory + "/whole.tapedeck"
        #expect(try await CommandRunner.run(arguments + ["--archive", whole]).status == 0)
        #expect(try await CommandRunner.run(["archive", "verify", killed]).status == 0)
        for kind in ["trades", "quotes"] {
            let export = ["--symbol", "ETSY", "--kind", kind, "--format", "jsonl"]
            let a = try await CommandRunner.run(["archive", "export", killed] + export)
            let b = try await CommandRunner.run(["archive", "export", whole] + export)
            #expect(!a.stdout.isEmpty && a.stdout == b.stdout, "\(kind) differs after resuming")
        }
    }
}
