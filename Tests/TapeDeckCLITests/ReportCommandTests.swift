import Foundation
import Testing

/// `tapedeck report` through the real binary: a small report on the sample, and bad input as one-line
/// errors with a non-zero exit before any work. (The README runs the default report on the sample.)
struct ReportCommandTests {
    /// Two adapters on the sample: a page that names them, the digest on standard output is the file's.
    @Test func writesThePageAndPrintsItsDigest() async throws {
        let out = NSTemporaryDirectory() + "tapedeck-report-\(UUID().uuidString).html"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try await CommandRunner.run(["report", "--adapters", "M1EMA,QuotedSpread", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<dd id=\"entry-count\">10</dd>"))
        #expect(html.contains("2: M1EMA, QuotedSpread"))
        #expect(result.stdout.hasPrefix("\(out): 10 entries, 2 adapters, \(html.utf8.count) bytes, sha256 "))
    }

    @Test(arguments: [
        (["report"], "--out"),
        (["report", "--out", "/"], "is a folder"),
        (["report", "--out", "/no-such-folder-tapedeck/r.html"], "/no-such-folder-tapedeck"),
        (["report", "--adapters", "NoSuchAdapter", "--out", "/tmp/tapedeck-never-written.html"], "NoSuchAdapter"),
        (["report", "--signals", "/no-such-signals.csv", "--out", "/tmp/tapedeck-never-written.html"], "/no-such-signals.csv"),
        (["report", "--archive", "/no-such.tapedeck", "--out", "/tmp/tapedeck-never-written.html"], "/no-such.tapedeck"),
        (["report", "--simulate", "1", "--live", "--out", "/tmp/tapedeck-never-written.html"], "choose one source"),
    ])
    func badInputIsAOneLineError(_ arguments: [String], _ named: String) async throws {
        let result = try await CommandRunner.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.contains(named), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/tapedeck-never-written.html"))
    }
}
