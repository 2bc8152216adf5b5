import Adapters
import ArgumentParser
import Backtest
import Foundation
import MarketData
import Report
import TapeArchive
import Verification

/// `tapedeck report`: a backtest (and with `--audit` its audit) as one self-contained HTML page.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a run (and its audit) as one self-contained HTML page with a chart per entry.",
        discussion: """
            Runs the backtest exactly as `tapedeck backtest` does (same sources and defaults: the committed \
            recording and sample signals), then writes one HTML file: the archive's coverage, the run's digest, \
            a sortable table of entries and, per entry, its 1-minute candles over the longest lookback, every \
            declared window, the quotes and trades before the entry, the cumulative delta and a line per \
            adapter. With --audit it also runs `tapedeck audit` and adds a heatmap adapter × entry. The page \
            makes no network request and is byte-identical for identical inputs.
            """
    )

    @OptionGroup var source: SourceOptions

    @OptionGroup var run: RunOptions

    @Flag(help: "Also run the audit (all checks) and show its verdicts per adapter and entry.")
    var audit = false

    @Option(help: "The HTML file to write.")
    var out: String

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out needs a file name, e.g. --out report.html") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("--out \(out) is a folder; name a file, e.g. --out \((out as NSString).appendingPathComponent("report.html"))")
        }
        let folder = (out as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ValidationError("--out \(out): the folder \(folder) does not exist; create it or write elsewhere")
        }
    }

    func run() async throws {
        let chosen = try run.chosenAdapters(includingDemos: true)
        let signals = try run.readSignals()
        let source = try self.source.makeSource(defaultArchive: BacktestCommand.sampleArchive)
        BacktestCommand.warnAboutMixedScales(source, chosen)
        let bar = ProgressBar(total: signals.count)
        let run = try await BacktestRunner(source: source, adapters: chosen).run(signals) { done, _ in bar.update(done) }
        bar.finish()
        var auditReport: AuditReport?
        if audit {
            // --live: the audit reads through the run's own cache (one archive open, nothing fetched twice).
            let auditSource = self.source.live ? AuditSource(label: "live") { source } : try AuditCommand.auditSource(self.source)
            auditReport = try await AuditRunner(source: auditSource, adapters: chosen).run(signals) { line in
                Console.note("audit: \(line)\n")
            }
        }
        let (coverage, note) = try await Self.coverage(of: source)
        let document = try await ReportCollector(source: source, adapters: chosen)
            .collect(run, sourceLabel: sourceLabel, audit: auditReport, coverage: coverage, coverageNote: note)
        let html = ReportRenderer.html(document)
        try Console.write(html, toFile: out)
        try Console.line("\(out): \(signals.count) entries, \(chosen.count) adapters, \(html.utf8.count) bytes, sha256 \(CanonicalOutput.digest(html))")
    }

    /// How the page names the source.
    var sourceLabel: String {
        if source.live { return "live (cache archive \(source.cache ?? SourceOptions.defaultCachePath()))" }
        if let seed = source.simulate { return "simulate:\(seed)" }
        return "archive:" + (source.archive.isEmpty ? [BacktestCommand.sampleArchive] : source.archive).joined(separator: ",")
    }

    /// The coverage of the archives behind `source` per symbol, day and kind (several archives merged),
    /// sorted; `nil` and a sentence for the simulator.
    static func coverage(of source: any MarketDataSource) async throws -> ([ReportCoverage]?, String) {
        let archives: [Archive]
        if let archive = source as? ArchiveSource {
            archives = archive.archives
        } else if let cache = source as? TieredCache {
            archives = [await cache.recorder.archive]
        } else {
            return (nil, "The simulator generates every window on demand: there is no recorded coverage to show.")
        }
        var rows: [ReportCoverage] = []
        for archive in archives {
            rows += try archive.info().entries.map { ReportCoverage(symbol: $0.symbol, day: $0.day, kind: $0.kind, windows: $0.coverage) }
        }
        let merged = ReportCoverage.merged(rows)
        return (merged, "")
    }
}
