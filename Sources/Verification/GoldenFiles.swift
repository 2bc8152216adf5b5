import Backtest
import Foundation
import MarketData

/// Checks and rewrites golden files: one canonical JSON-lines file per (set, adapter).
///
/// A golden file changes only by `tapedeck golden update` in a commit of its own that says why
/// (docs/AUDIT.md); ``verify(_:report:root:)`` is what `swift test` and `tapedeck golden verify` run.
public enum GoldenFiles {
    /// The state of one golden file after a verify or update.
    public struct Status: Hashable, Sendable, CustomStringConvertible {
        /// Path relative to the package root.
        public var file: String
        /// SHA-256 of the fresh canonical text.
        public var digest: String
        /// How the file on disk differed from the fresh run (`nil`: identical).
        public var difference: Difference?

        public var description: String {
            difference.map(\.description) ?? "\(file): ok (sha256 \(digest.prefix(16)))"
        }
    }

    /// Runs `set` over `source` with `adapters`; the signals path is relative to `root`.
    public static func run(
        _ set: GoldenSet, source: any MarketDataSource, adapters: [any BacktestAdapter], root: URL,
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async throws -> BacktestReport {
        let signals = try SignalReader.read(contentsOf: root.appendingPathComponent(set.signals).path)
        return try await BacktestRunner(source: source, adapters: adapters, parallelism: parallelism).run(signals)
    }

    /// Compares the files of `set` under `root` with `report`, one status per adapter of the report.
    public static func verify(_ set: GoldenSet, report: BacktestReport, root: URL) -> [Status] {
        adapters(of: report).map { adapter in
            let fresh = CanonicalOutput.jsonLines(report, adapter: adapter)
            let old = FileManager.default.contents(atPath: set.file(adapter, root: root).path).map { String(decoding: $0, as: UTF8.self) }
            return Status(
                file: set.relativePath(adapter), digest: CanonicalOutput.digest(fresh),
                difference: Difference.golden(file: set.relativePath(adapter), old: old, new: fresh))
        }
    }

    /// Rewrites the files of `set` under `root` from `report`; returns what changed (as ``verify``
    /// would have reported it).
    public static func update(_ set: GoldenSet, report: BacktestReport, root: URL) throws(TapeDeckError) -> [Status] {
        let statuses = verify(set, report: report, root: root)
        for adapter in adapters(of: report) {
            let url = set.file(adapter, root: root)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(CanonicalOutput.jsonLines(report, adapter: adapter).utf8).write(to: url)
            } catch {
                throw TapeDeckError(.goldenManifest, "cannot write \(url.path) (\(error)); check that golden/ is writable")
            }
        }
        return statuses
    }

    /// Adapter names of a report's columns (`Adapter.output`), in column order.
    static func adapters(of report: BacktestReport) -> [String] {
        var names: [String] = []
        for column in report.columns {
            let name = String(column.prefix { $0 != "." })
            if names.last != name { names.append(name) }
        }
        return names
    }
}
