import Adapters
import ArgumentParser
import Backtest
import Foundation
import MarketData
import MarketSimulator
import TapeArchive
import Verification

/// `tapedeck golden verify|update`: the committed canonical outputs in golden/.
struct GoldenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "golden",
        abstract: "Check or rewrite the golden files (canonical outputs) listed in golden/manifest.json.",
        subcommands: [GoldenVerifyCommand.self, GoldenUpdateCommand.self]
    )
}

/// Options shared by `golden verify` and `golden update`.
struct GoldenOptions: ParsableArguments {
    @Option(name: .customLong("set"), parsing: .singleValue, help: "Golden set to process (repeatable; default: all in the manifest).")
    var sets: [String] = []

    @Option(help: "Package root holding golden/ and the signals files (default: the current directory).")
    var root: String = "."

    /// Runs each chosen set through the backtest command's source factory and hands over its report.
    func forEachSet(_ body: (GoldenSet, BacktestReport, URL) throws -> Void) async throws {
        let root = URL(fileURLWithPath: self.root)
        for set in try GoldenManifest.load(root: root).sets(named: sets) {
            let source: any MarketDataSource
            switch try set.sourceSpec {
            case .simulate(let seed): source = SimulatorSource(seed: seed)
            case .archive(let path): source = try ArchiveSource(path: root.appendingPathComponent(path).path)
            }
            let adapters = try set.adapters.map { try $0.map { name throws in try TapeDeckCLI.registry.adapter(named: name) } } ?? TapeDeckCLI.registry.adapters
            let report = try await GoldenFiles.run(set, source: source, adapters: adapters, root: root)
            try body(set, report, root)
        }
    }
}

/// `tapedeck golden verify`: exits 1 and names the first differing entry, adapter and value per file.
struct GoldenVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Re-run every golden set and compare byte for byte; exit 1 on any difference.")

    @OptionGroup var options: GoldenOptions

    func run() async throws {
        var differing = 0
        var total = 0
        try await options.forEachSet { set, report, root in
            for status in GoldenFiles.verify(set, report: report, root: root) {
                total += 1
                if status.difference != nil { differing += 1 }
                try Console.line("\(status)")
            }
        }
        try Console.line(
            differing == 0
                ? "\(total) golden files match"
                : "\(differing) of \(total) golden files differ; if intended, run `tapedeck golden update` and commit with the reason (docs/AUDIT.md)")
        if differing > 0 { throw ExitCode(1) }
    }
}

/// `tapedeck golden update`: rewrites the golden files and prints what changed.
struct GoldenUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Rewrite the golden files from fresh runs and print what changed (commit it on its own, with the reason).")

    @OptionGroup var options: GoldenOptions

    func run() async throws {
        var changed = 0
        var total = 0
        try await options.forEachSet { set, report, root in
            for status in try GoldenFiles.update(set, report: report, root: root) {
                total += 1
                if status.difference != nil { changed += 1 }
                try Console.line(status.difference.map { "updated \($0)" } ?? "unchanged \(status.file)")
            }
        }
        try Console.line("\(changed) of \(total) golden files rewritten")
    }
}
