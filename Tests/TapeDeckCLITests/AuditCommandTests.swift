import Foundation
import Testing
import Verification

/// `tapedeck audit` and `tapedeck golden` as a user runs them.
struct AuditCommandTests {
    /// A small signals file (illiquid and mid symbols) so the commands run in a second or two.
    static func smallSignals() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-signals-\(UUID().uuidString).csv").path
        try "symbol,entry_time,id\nCROX,2024-03-15 10:00,crox-1\nETSY,2024-03-15 09:45:30,etsy-x\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func honestAdaptersPassWithExitZeroAndATable() async throws {
        let result = try await CommandRunner.run(["audit", "--signals", try Self.smallSignals(), "--adapters", "M1EMA,TickFlow"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                == ["adapter", "guard", "future-cut", "future-shift", "future-extra", "future-reorder", "window", "determinism"])
        #expect(lines.contains { $0.hasPrefix("M1EMA") && !$0.contains("FAIL") })
        #expect(result.stdout.contains("all 2 adapters passed 7 checks over 2 entries"))
    }

    @Test func aLeakyAdapterFailsWithExitOneAndItsFirstDifferingValue() async throws {
        let result = try await CommandRunner.run(["audit", "--signals", try Self.smallSignals(), "--adapters", "TickFlow,LeakyPeek"])
        #expect(result.status == 1)
        let row = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("LeakyPeek") })
        #expect(row.split(separator: " ").filter { $0 == "FAIL" }.count == 5)  // guard + four future checks
        #expect(result.stdout.contains("FAIL LeakyPeek future-cut (2 of 2): crox-1 CROX 2024-03-15T10:00:00-04:00: LeakyPeek.next_price"))
        #expect(result.stdout.contains("-> null (removed at/after"))
    }

    @Test func jsonIsParseable() async throws {
        let result = try await CommandRunner.run(
            ["audit", "--signals", try Self.smallSignals(), "--adapters", "LeakyBarRule", "--checks", "guard,window", "--json"])
        #expect(result.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        let adapters = try #require(object["adapters"] as? [[String: Any]])
        let checks = try #require(adapters.first?["checks"] as? [String: [String: Any]])
        #expect(checks["guard"]?["status"] as? String == "FAIL")
        #expect(checks["window"]?["status"] as? String == "PASS")
    }

    /// A recording that ends at the entry leaves the future checks nothing to check: INCONCLUSIVE, exit 1
    /// with what to do; `--allow-inconclusive` accepts it (exit 0) when nothing failed.
    @Test func aRecordingWithoutItsFutureIsInconclusiveUnlessAllowed() async throws {
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("inconclusive-\(UUID().uuidString).tapedeck").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: archive + suffix) } }
        let signals = FileManager.default.temporaryDirectory.appendingPathComponent("inconclusive-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: signals) }
        try "symbol,entry_time,id\nCROX,2024-03-15 10:00,crox-1\n".write(toFile: signals, atomically: true, encoding: .utf8)
        let record = try await CommandRunner.run(
            [
                "record", "--simulate", "1", "--symbols", "CROX", "--date", "2024-03-15", "--kinds", "trades,quotes", "--from", "09:30", "--to", "10:00",
                "--archive", archive,
            ])
        #expect(record.status == 0, "\(record.stderr)")
        let audit = ["audit", "--archive", archive, "--signals", signals, "--adapters", "CumDelta"]
        let strict = try await CommandRunner.run(audit)
        #expect(strict.status == 1)
        #expect(
            strict.stdout.contains(
                "INCONCLUSIVE CumDelta future-cut (1 of 1): crox-1 CROX 2024-03-15T10:00:00-04:00: no recorded quotes or trades past the entry"))
        #expect(strict.stdout.contains("1 of 1 entries have no recorded future"))
        #expect(!strict.stdout.contains("FAIL "))
        #expect(strict.stderr.contains("--allow-inconclusive"))
        let allowed = try await CommandRunner.run(audit + ["--allow-inconclusive"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test func unknownAdapterIsAOneLineError() async throws {
        let result = try await CommandRunner.run(["audit", "--adapters", "Nope"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown adapter \"Nope\""))
        #expect(result.stderr.contains("LeakyPeek"))
    }
}

struct GoldenCommandTests {
    /// A package root in a temporary folder with its own manifest over a small signals file.
    static func scratchRoot() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("golden"), withIntermediateDirectories: true)
        try "CROX,2024-03-15 10:00,crox-1\nETSY,2024-03-15 11:15,etsy-2\n".write(
            to: root.appendingPathComponent("signals.csv"), atomically: true, encoding: .utf8)
        try #"{"sets":[{"name":"simulate-1/small","source":"simulate:1","signals":"signals.csv","adapters":["M1EMA","TickFlow"]}]}"#.write(
            to: root.appendingPathComponent("golden/manifest.json"), atomically: true, encoding: .utf8)
        return root
    }

    @Test func verifyOnATamperedCopyNamesTheFirstDifferingEntryAdapterAndValue() async throws {
        let root = try Self.scratchRoot()
        let update = try await CommandRunner.run(["golden", "update", "--root", root.path])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.contains("updated golden/simulate-1/small/M1EMA.jsonl: missing"))
        #expect(try await CommandRunner.run(["golden", "verify", "--root", root.path]).status == 0)

        let file = root.appendingPathComponent("golden/simulate-1/small/M1EMA.jsonl")
        let text = try String(contentsOf: file, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let close = try #require(lines[1].firstRange(of: #/"M1EMA.close":[0-9.]+/#))
        let old = String(lines[1][close].dropFirst(#""M1EMA.close":"#.count))
        lines[1].replaceSubrange(close, with: #""M1EMA.close":99.99"#)
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)

        let verify = try await CommandRunner.run(["golden", "verify", "--root", root.path])
        #expect(verify.status == 1)
        #expect(
            verify.stdout.contains(
                "golden/simulate-1/small/M1EMA.jsonl:2: entry etsy-2 ETSY 2024-03-15T11:15:00-04:00: M1EMA.close old 99.99 new \(old) (1 line differs)"),
            "\(verify.stdout)")
        #expect(verify.stdout.contains("golden/simulate-1/small/TickFlow.jsonl: ok"))
        #expect(verify.stdout.contains("1 of 2 golden files differ"))
    }
}
