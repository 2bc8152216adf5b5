import Adapters
import Backtest
import Foundation
import MarketData
import Report
import TapeArchive

/// The sample report, rendered once per test process and shared by every test that needs it: the
/// committed recording and signals with every adapter, exactly as `tapedeck report --out …` writes it.
enum SampleReport {
    /// The package root (this file lives in Tests/ReportTests/).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// What `tapedeck report` names the default source.
    static let sourceLabel = "archive:recordings/sample-2024-03-15.tapedeck"

    /// The run, its document and its HTML.
    struct Rendered: Sendable {
        var run: BacktestReport
        var document: ReportDocument
        var html: String
    }

    private static let task = Task { () throws -> Rendered in
        let root = packageRoot.path
        let source = try ArchiveSource(path: root + "/recordings/sample-2024-03-15.tapedeck")
        let signals = try SignalReader.read(contentsOf: root + "/recordings/sample-signals.csv")
        let adapters = AdapterRegistry.builtIn.adapters
        let run = try await BacktestRunner(source: source, adapters: adapters).run(signals)
        let rows = try source.archives.flatMap { archive in
            try archive.info().entries.map { ReportCoverage(symbol: $0.symbol, day: $0.day, kind: $0.kind, windows: $0.coverage) }
        }
        let document = try await ReportCollector(source: source, adapters: adapters)
            .collect(run, sourceLabel: sourceLabel, coverage: ReportCoverage.merged(rows))
        return Rendered(run: run, document: document, html: ReportRenderer.html(document))
    }

    /// The shared rendering.
    static var rendered: Rendered {
        get async throws { try await task.value }
    }

    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
