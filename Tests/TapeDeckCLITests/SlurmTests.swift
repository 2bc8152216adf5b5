import Foundation
import Testing

/// `tools/slurm/sharded-backtest.sh` on a real single-node Slurm: the committed recording and signals run as
/// a four-task job array (`sbatch --array=1-4 --wait`), joined by `tapedeck merge`, equal the unsharded
/// `tapedeck backtest` byte for byte, and the script leaves no Slurm or munge daemon running.
///
/// The test never installs anything (the script runs with `SLURM_INSTALL=0`): `.ci/run` installs Debian's
/// `slurm-wlm` and `munge`. Slurm talks to itself over 127.0.0.1 only.
@Suite(.timeLimit(.minutes(20)))
struct SlurmTests {
    static let script = CommandRunner.packageRoot.appendingPathComponent("tools/slurm/sharded-backtest.sh").path

    /// The daemons the script starts and must stop.
    static let daemonNames: Set<String> = ["slurmctld", "slurmd", "slurmstepd", "munged"]

    /// Slurm and munge are installed and the test runs as root (the daemons run as root and as `munge`).
    static let slurmUsable: Bool = {
        let programs = ["/usr/bin/sbatch", "/usr/bin/sinfo", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged"]
        return programs.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) } && getuid() == 0
    }()

    /// `pid → name` of every running process whose name is one of ``daemonNames``, from /proc/PID/stat. A
    /// zombie (state Z: exited, not yet reaped) is not running: a daemonized munged's parent is init, which
    /// reaps it when it will.
    static func runningDaemons() -> [Int32: String] {
        var found: [Int32: String] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            // `PID (NAME) STATE …`; NAME may hold spaces and parentheses, so split at the last ")".
            guard let pid = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { continue }
            let name = String(stat[stat.index(after: open)..<close])
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
            if daemonNames.contains(name), state != "Z", state != "X" { found[pid] = name }
        }
        return found
    }

    /// Runs the script with `arguments` in the package root. Under the suite's CPU-bound load the node
    /// may take long to register; the script polls `sinfo` for up to `SLURM_READY_TIMEOUT` seconds.
    static func runScript(_ arguments: [String]) async throws -> CommandRunner.Result {
        try await CommandRunner.run(program: "/bin/bash", [script] + arguments, environment: ["SLURM_INSTALL": "0", "SLURM_READY_TIMEOUT": "600"])
    }

    @Test(.enabled(if: slurmUsable, "needs root and Debian's slurm-wlm and munge installed (`.ci/run` installs them)"))
    func jobArrayMergesToTheUnshardedOutput() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = [
            "--archive", "recordings/sample-2024-03-15.tapedeck", "--signals", "recordings/sample-signals.csv", "--format", "csv",
        ]
        let unshardedPath = folder.appendingPathComponent("unsharded.csv").path
        let mergedPath = folder.appendingPathComponent("merged.csv").path
        let before = Self.runningDaemons()

        let whole = try await CommandRunner.run(["backtest"] + inputs + ["--out", unshardedPath])
        #expect(whole.status == 0, "\(whole.stderr)")
        let sharded = try await Self.runScript([try CommandRunner.executable.path, "4", mergedPath] + inputs)
        #expect(sharded.status == 0, "\(sharded.stderr)")
        #expect(sharded.stderr.contains("4 shards (Slurm job"), "\(sharded.stderr)")

        let unsharded = try #require(FileManager.default.contents(atPath: unshardedPath))
        let merged = try #require(FileManager.default.contents(atPath: mergedPath))
        #expect(merged == unsharded)
        #expect(String(decoding: merged, as: UTF8.self).split(separator: "\n").count == 11)  // header + 10 entries

        // Every daemon the script started is gone; one that ran before it (a system munged) may stay.
        let left = Self.runningDaemons().filter { before[$0.key] != $0.value }
        #expect(left.isEmpty, "left running: \(left)")
    }

    /// Bad arguments are one line on standard error and a non-zero exit, before anything is installed or started.
    @Test(arguments: [
        ["/nonexistent/tapedeck", "4", "/tmp/merged.csv"],
        ["TAPEDECK", "0", "/tmp/merged.csv"],
        ["TAPEDECK", "four", "/tmp/merged.csv"],
        ["TAPEDECK", "4", "/nonexistent-folder/merged.csv"],
        ["TAPEDECK", "4", "/tmp/merged.csv", "--format", "table"],
        ["TAPEDECK", "4", "/tmp/merged.csv", "--out", "/tmp/x.csv"],
        ["TAPEDECK", "4"],
    ])
    func refusesBadArguments(_ arguments: [String]) async throws {
        let executable = try CommandRunner.executable.path
        let result = try await Self.runScript(arguments.map { $0 == "TAPEDECK" ? executable : $0 })
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.last?.hasPrefix("sharded-backtest.sh: ") == true, "\(result.stderr)")
    }
}
