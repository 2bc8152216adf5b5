import Adapters
import Backtest
import Foundation
import MarketData
import Report
import TapeArchive
import Testing
import Verification

/// The report page: deterministic, self-contained, one panel per entry, the chart axis as worked by
/// hand, hostile text escaped, and the sample's digest as committed.
struct ReportTests {
    @Test func twoRendersAreByteIdentical() async throws {
        let sample = try await SampleReport.rendered
        #expect(ReportRenderer.html(sample.document) == sample.html)
        // Collecting again from the same run gives the same document, hence the same bytes.
        let source = try ArchiveSource(path: SampleReport.packageRoot.path + "/recordings/sample-2024-03-15.tapedeck")
        let again = try await ReportCollector(source: source, adapters: AdapterRegistry.builtIn.adapters)
            .collect(sample.run, sourceLabel: SampleReport.sourceLabel, coverage: sample.document.coverage)
        #expect(again == sample.document)
        #expect(ReportRenderer.html(again) == sample.html)
    }

    @Test func pageLoadsNothingFromOutside() async throws {
        let html = try await SampleReport.rendered.html
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        let lower = html.lowercased()
        for reference in ["<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", "src=", "//cdn", "@font-face"] {
            #expect(!lower.contains(reference), "the page must not reference \(reference)")
        }
        // One inline script for the data and one for the code; neither has a src.
        #expect(SampleReport.count("<script", in: lower) == 2)
        // Every href is an in-page anchor.
        var rest = Substring(html)
        while let range = rest.range(of: "href=\"") {
            rest = rest[range.upperBound...]
            #expect(rest.first == "#", "href=\"\(rest.prefix(30))")
        }
    }

    @Test func oneEntryPerSignalAndEveryEntryHasBarsAndValues() async throws {
        let sample = try await SampleReport.rendered
        #expect(sample.document.entries.count == sample.run.signals.count)
        #expect(sample.document.entries.count == 10)
        #expect(sample.html.contains("<dd id=\"entry-count\">10</dd>"))
        for (index, entry) in sample.document.entries.enumerated() {
            #expect(entry.values == sample.run.values[index])
            let day = sample.document.days[entry.day]
            #expect(day.bars.contains { $0.end <= entry.entry && $0.start >= entry.entry.advanced(by: -150 * Timestamp.nanosecondsPerMinute) })
            #expect(day.bars.allSatisfy { $0.timeframe == .minute1 })
        }
        // Trades and quotes shown before each entry, never at or after it (the sample records all three symbols' ticks).
        for entry in sample.document.entries {
            let day = sample.document.days[entry.day]
            #expect(!entry.trades.isEmpty)
            #expect(!entry.quotes.isEmpty)
            #expect(day.trades[entry.trades].allSatisfy { $0.time < entry.entry })
            #expect(day.quotes[entry.quotes].allSatisfy { $0.time < entry.entry })
        }
        #expect(sample.document.digest == CanonicalOutput.digest(sample.run))
        #expect(sample.html.contains(CanonicalOutput.digest(sample.run)))
    }

    /// SPY at 09:35 with every adapter: the longest lookback in minutes is M5EMA's 150, so the axis runs
    /// from 07:05 (25,500 s after midnight) to 09:35 + 7.5 min = 09:42:30 (34,950 s) over x = 56…884:
    /// the entry (34,500 s) is at 56 + 9,000 × 828 / 9,450 = 844.5714… px.
    @Test func entryLineIsWhereTheAxisPutsIt() async throws {
        let geometry = ChartGeometry(entry: 34_500, span: 9_000)
        #expect(geometry.start == 25_500)
        #expect(geometry.end == 34_950)
        #expect(geometry.x(25_500) == 56)
        #expect(geometry.x(34_950) == 884)
        #expect(abs(geometry.x(34_500) - 844.5714285714) < 1e-9)
        let sample = try await SampleReport.rendered
        #expect(sample.document.spanSeconds == 9_000)
        let first = sample.document.entries[0]
        #expect(first.id == "spy-1")
        #expect(sample.document.days[first.day].seconds(first.entry) == 34_500)
        #expect(sample.document.geometry(ofEntry: 0) == geometry)
    }

    @Test func hostileTextIsEscaped() throws {
        let hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'&\u{2028}"
        let html = ReportRenderer.html(HostileDocument.make(hostile))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        let data = html.components(separatedBy: "id=\"report-data\">")[1].components(separatedBy: "</script>")[0]
        #expect(!data.contains("\u{2028}"))
        #expect(data.contains("\\u2028"))
        #expect(SampleReport.count("</script>", in: html) == 2)
        #expect(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"))  // the source label, as HTML text
        #expect(html.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"))  // the signal id, inside the JSON
        #expect(HTMLText.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
        #expect(HTMLText.scriptString("</script>\n") == "\"\\u003c/script\\u003e\\n\"")
    }

    @Test func auditVerdictsBecomeHeatmapCells() throws {
        let html = ReportRenderer.html(HostileDocument.make("x"))
        #expect(html.contains("<canvas id=\"heatmap\"></canvas>"))
        #expect(html.contains("\"cells\":[[0,1,2]]"))
        #expect(html.contains("\"failures\":[[\"guard\",\"Peek.value\",\"1\",\"2\""))
        #expect(html.contains("\"noFuture\":[0]"))
    }

    /// The heatmap shows the audit's own per-entry verdicts, and marks the entries with no recorded future.
    @Test func verdictsFollowTheAudit() {
        let failure = Difference(origin: .audit(.futureRemoved, adapter: "B"), entry: "e", column: "B.x", expected: "1", actual: "2", detail: "cut")
        let audit = AuditReport(
            adapters: ["A", "B"], checks: [.futureRemoved], entries: 2,
            entryVerdicts: [[.passed, .failed(failure)], [.inconclusive("e2: no recorded trades"), .failed(failure)]],
            futureHorizons: [60, 0])
        let report = ReportAudit(audit)
        #expect(report.verdicts == [[.pass, .fail(failure)], [.inconclusive, .fail(failure)]])
        #expect(report.withoutFuture == [false, true])
    }

    @Test func numbersAreSpelledTheSameEverywhere() {
        #expect(NumberText.fixed(557.9512, 2) == "557.95")
        #expect(NumberText.fixed(2.0, 3) == "2")
        #expect(NumberText.fixed(-0.0004, 3) == "0")
        #expect(NumberText.fixed(2.5, 0) == "3")
        #expect(NumberText.fixed(-1.005, 1) == "-1")
        #expect(NumberText.fixed(0.05, 4) == "0.05")
        #expect(NumberText.fixed(.nan, 2) == "null")
        #expect(NumberText.significant(557.951234) == "557.951")
        #expect(NumberText.significant(0.000123456) == "0.000123456")
        #expect(NumberText.significant(-13887) == "-13887")
        #expect(NumberText.significant(0.5) == "0.5")
        #expect(NumberText.significant(0.0123456789) == "0.0123457")
        #expect(NumberText.significant(1e20) == "100000000000000000000.0" || NumberText.significant(1e20) == 1e20.description)
    }

    @Test func coverageGapsAreMarked() {
        let day = LocalDate(year: 2024, month: 3, day: 15)!
        func at(_ hour: Int, _ minute: Int) -> Timestamp { NewYorkTime.instant(day, hour: hour, minute: minute) }
        let rows = ReportCoverage.merged([
            ReportCoverage(symbol: "SPY", day: "2024-03-15", kind: "trades", windows: [TimeWindow(uncheckedStart: at(10, 0), end: at(11, 0))]),
            ReportCoverage(symbol: "SPY", day: "2024-03-15", kind: "trades", windows: [TimeWindow(uncheckedStart: at(9, 0), end: at(9, 30))]),
            ReportCoverage(symbol: "SPY", day: "2024-03-15", kind: "bars", windows: [TimeWindow(uncheckedStart: at(4, 0), end: at(20, 0))]),
        ])
        #expect(rows.map(\.kind) == ["bars", "trades"])
        #expect(rows[1].gaps == [TimeWindow(uncheckedStart: at(9, 30), end: at(10, 0))])
        var document = HostileDocument.make("x")
        document.coverage = rows
        let html = ReportRenderer.html(document)
        #expect(html.contains("data-gaps=\"1\""))
        #expect(html.contains("gaps 09:30–10:00"))
    }

    /// The sample's page, byte for byte, is pinned by its SHA-256 in golden/report/sample-report.sha256.
    @Test func sampleReportMatchesTheGoldenDigest() async throws {
        let html = try await SampleReport.rendered.html
        let path = SampleReport.packageRoot.appendingPathComponent("golden/report/sample-report.sha256")
        let expected = try String(contentsOf: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let actual = CanonicalOutput.digest(html)
        #expect(
            actual == expected,
            """
            the sample report changed (sha256 \(actual), golden \(expected)). If the change is intended, review the page \
            (swift run tapedeck report --out /tmp/r.html) and update the golden file: \
            swift run tapedeck report --out /tmp/r.html | sed 's/.*sha256 //' > golden/report/sample-report.sha256
            """)
    }
}
