import Foundation
import Report
import Testing

/// Headless Chromium on the sample report: the page draws one panel per entry with candles, the entry
/// line where ``ChartGeometry`` says, and no script error. Runs when `chromium` is installed (`.ci/run`
/// installs Debian's); otherwise the tests are skipped.
/// Its limit is generous: alone the tests take seconds, but in the whole suite on two cores the sample run
/// and Chromium wait behind the CPU-bound tests for most of it.
@Suite(.enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium)"), .timeLimit(.minutes(15)))
struct BrowserTests {
    @Test func sampleReportDrawsEveryEntry() async throws {
        let sample = try await SampleReport.rendered
        let page = try await Chromium.load(sample.html, name: "sample-report")
        #expect(page.console.isEmpty, "console: \(page.console)")
        let dom = page.dom
        #expect(dom.contains("<body data-errors=\"0\" data-panels-drawn=\"10\">"), "\(dom.prefix(0))status: \(Chromium.status(dom))")
        #expect(SampleReport.count("<article class=\"entry\"", in: dom) == 10)
        #expect(SampleReport.count("data-drawn=\"1\"", in: dom) == 10)
        #expect(SampleReport.count("<svg class=\"candles\"", in: dom) == 10)
        #expect(SampleReport.count("<path class=\"wick\" d=\"M", in: dom) == 10)
        #expect(SampleReport.count("<path class=\"up\" d=\"M", in: dom) == 10)
        #expect(SampleReport.count("<path class=\"down\" d=\"M", in: dom) == 10)
        #expect(SampleReport.count("<svg class=\"tape\"", in: dom) == 10)
        // The entries table: a header and one row per entry.
        #expect(SampleReport.count("<tr data-entry=\"", in: dom) == 10)
        // spy-1 at 09:35: its entry line is at the x the hand-worked axis gives (844.57).
        let expected = NumberText.fixed(try await SampleReport.rendered.document.geometry(ofEntry: 0).x(34_500), 2)
        #expect(expected == "844.57")
        let panel = dom.components(separatedBy: "id=\"entry-0\"")[1].components(separatedBy: "</article>")[0]
        #expect(panel.contains("spy-1"))
        #expect(panel.contains("<line class=\"entry-line\" x1=\"\(expected)\" x2=\"\(expected)\""))
        // Every adapter has its line of values and windows.
        #expect(SampleReport.count("<li><b>", in: panel) == sample.document.adapters.count)
        #expect(panel.contains("<b>M1EMA</b> (EMA(9) of 1min closes over the last 30 bars): ema 558.362"))
        #expect(panel.contains("window bars 1min, 30 min 09:05–09:35"))
        // And a screenshot renders.
        let png = try await Chromium.screenshot(page.file, width: 1000, height: 1600)
        #expect(png.count > 10_000)
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func hostileTextStaysTextAndTheHeatmapDraws() async throws {
        let hostile = "</script><script>document.title='owned'</script><img src=x onerror=\"document.title='owned'\">"
        let page = try await Chromium.load(ReportRenderer.html(HostileDocument.make(hostile)), name: "hostile-report", fragment: "#audit-0-2")
        #expect(page.console.isEmpty, "console: \(page.console)")
        #expect(page.dom.contains("<body data-errors=\"0\" data-panels-drawn=\"1\">"), "status: \(Chromium.status(page.dom))")
        #expect(!page.dom.contains("owned</title>"))
        #expect(!page.dom.contains("<img"))
        #expect(page.dom.contains("<canvas id=\"heatmap\" width=\"") && page.dom.contains("data-cells=\"3\""))
        // The failing cell (entry 0, adapter Peek), opened by its link: the check and the first differing value.
        let detail = page.dom.components(separatedBy: "<pre id=\"audit-detail\">")[1].components(separatedBy: "</pre>")[0]
        #expect(detail.contains("Peek on #1"))
        #expect(detail.contains("FAIL guard\nPeek.value: expected 1, got 2"))
        #expect(detail.contains("&lt;/script&gt;"))
    }
}

/// Runs Debian's `chromium` headless.
enum Chromium {
    /// The browser, if installed.
    static let path: String? = {
        let names = ["chromium", "chromium-browser"]
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init) + ["/usr/bin"]
        for folder in folders {
            for name in names where FileManager.default.isExecutableFile(atPath: folder + "/" + name) { return folder + "/" + name }
        }
        return nil
    }()

    struct Page {
        /// The page's file.
        var file: URL
        /// The DOM after the page's script ran.
        var dom: String
        /// Console messages (`console.*` and uncaught errors).
        var console: [String]
    }

    /// Writes `html` to a temporary file and dumps its DOM after scripts ran.
    static func load(_ html: String, name: String, fragment: String = "") async throws -> Page {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-report-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name + ".html")
        try Data(html.utf8).write(to: file)
        let (out, err) = try await run(["--enable-logging=stderr", "--v=0", "--dump-dom", file.absoluteString + fragment], in: folder)
        let console = err.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Page(file: file, dom: String(decoding: out, as: UTF8.self), console: console)
    }

    /// A PNG of `file` at `width` × `height`.
    static func screenshot(_ file: URL, width: Int, height: Int) async throws -> Data {
        let png = file.deletingPathExtension().appendingPathExtension("png")
        _ = try await run(
            ["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(png.path)", file.absoluteString], in: file.deletingLastPathComponent())
        return try Data(contentsOf: png)
    }

    /// The status element the page's script adds, for failure messages.
    static func status(_ dom: String) -> String {
        guard let range = dom.range(of: "<div id=\"render-status\"") else { return "no render-status element" }
        return String(dom[range.lowerBound...].prefix(400))
    }

    /// Runs the browser; the wait is on a thread of its own, never on one of the task pool's few threads.
    private static func run(_ arguments: [String], in folder: URL) async throws -> (Data, String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runWaiting(arguments, in: folder) }) }.start()
        }
    }

    private static func runWaiting(_ arguments: [String], in folder: URL) throws -> (Data, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        // A profile of its own: two browsers sharing one would hand the page to each other.
        let profile = folder.appendingPathComponent("profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)"] + arguments
        // Standard error goes to a file, so neither pipe can fill while the other is read.
        let log = folder.appendingPathComponent("chromium-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let err = try FileHandle(forWritingTo: log)
        defer { try? err.close() }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? Data(contentsOf: log)) ?? Data()
        try? FileManager.default.removeItem(at: log)
        return (stdout, String(decoding: stderr, as: UTF8.self))
    }
}
