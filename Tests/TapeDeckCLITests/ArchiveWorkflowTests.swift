import Foundation
import Testing

/// `archive merge`, `archive compact`, several archives as one source, and files that are not archives.
struct ArchiveWorkflowTests {
    static func temporary(_ name: String) -> String {
        NSTemporaryDirectory() + "tapedeck-\(name)-\(UUID().uuidString).tapedeck"
    }

    static func remove(_ paths: String...) {
        for path in paths { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    }

    @Test func perDayArchivesMergeCompactAndReadAsOne() async throws {
        let (bars, ticks, merged) = (Self.temporary("bars"), Self.temporary("ticks"), Self.temporary("merged"))
        defer { Self.remove(bars, ticks, merged) }
        let adapters = ["--adapters", "M1EMA,CumDelta,QuotedSpread"]
        let signals = ["--signals", "recordings/sample-signals.csv"]
        // The sample signals' data, recorded into two archives: bars in one, trades and quotes in the other.
        for (archive, kinds) in [(bars, "bars"), (ticks, "trades,quotes")] {
            let result = try await CommandRunner.run(["record", "--simulate", "1", "--kinds", kinds, "--archive", archive] + signals + adapters)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let alone = try await CommandRunner.run(["backtest", "--archive", bars, "--format", "json"] + adapters)
        #expect(alone.status != 0 && alone.stderr.contains("is not recorded"))
        let expected = try await CommandRunner.run(["backtest", "--format", "json"] + adapters).stdout
        let both = try await CommandRunner.run(["backtest", "--archive", bars, "--archive", ticks, "--format", "json"] + adapters)
        #expect(both.status == 0 && both.stdout == expected, "\(both.stderr)")

        let merge = try await CommandRunner.run(["archive", "merge", bars, ticks, "--out", merged])
        #expect(merge.status == 0 && merge.stdout.hasPrefix("merged 2 archives into \(merged)"), "\(merge.stderr)")
        let compact = try await CommandRunner.run(["archive", "compact", merged])
        #expect(compact.status == 0 && compact.stdout.hasPrefix("compacted \(merged)"), "\(compact.stderr)")
        let verify = try await CommandRunner.run(["archive", "verify", merged])
        #expect(verify.status == 0 && verify.stdout.contains("compacted: the raw responses are gone"))
        let fromMerged = try await CommandRunner.run(["backtest", "--archive", merged, "--format", "json"] + adapters)
        #expect(fromMerged.stdout == expected)
    }

    /// Massive's rule: Form T prints set pre-market minute bars, so the simulator has them and 1-minute
    /// indicators have values right after the open.
    @Test func preMarketBarsExistAndEMAsHaveValuesAfterTheOpen() async throws {
        let archive = Self.temporary("premarket")
        defer { Self.remove(archive) }
        let record = try await CommandRunner.run(
            ["record", "--simulate", "1", "--symbols", "SPY", "--date", "2024-03-15", "--kinds", "bars", "--archive", archive])
        #expect(record.status == 0, "\(record.stderr)")
        let export = try await CommandRunner.run(["archive", "export", archive, "--symbol", "SPY", "--kind", "bars", "--format", "csv"])
        let open = 1_710_509_400_000_000_000 as Int64  // 2024-03-15 09:30 New York
        let starts = export.stdout.split(separator: "\n").dropFirst().compactMap { Int64($0.split(separator: ",")[0]) }
        #expect(starts.filter { $0 < open }.count > 100)
        #expect(starts.first == 1_710_489_600_000_000_000)  // 04:00
        let backtest = try await CommandRunner.run(["backtest", "--simulate", "1", "--adapters", "M1EMA,M5EMA", "--format", "csv"])
        let spy = try #require(backtest.stdout.split(separator: "\n").first { $0.hasPrefix("spy-1,SPY,2024-03-15T09:35") })
        #expect(!spy.contains(",,") && !spy.hasSuffix(","), "\(spy)")
    }

    @Test func aFileThatIsNotAnArchiveIsAOneLineError() async throws {
        let foreign = Self.temporary("foreign")
        defer { Self.remove(foreign) }
        let text = Data("this is not a database".utf8)
        #expect(FileManager.default.createFile(atPath: foreign, contents: text))
        for arguments in [
            ["backtest", "--archive", foreign], ["archive", "info", foreign],
            ["backtest", "--live", "--cache", foreign],
        ] {
            let result = try await CommandRunner.run(arguments, environment: ["POLYGON_API_KEY": "a-key-long-enough-to-check-1234"])
            #expect(result.status != 0)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains(foreign), "\(arguments): \(result.stderr)")
        }
        #expect(FileManager.default.contents(atPath: foreign) == text)
    }
}
