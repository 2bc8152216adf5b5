import Adapters
import Backtest
import Foundation
import MarketData
import MarketSimulator
import TapeArchive
import Testing
import Verification

/// The committed golden files match a fresh run byte for byte.
struct GoldenTests {
    @Test func goldenFilesMatchByteForByte() async throws {
        let root = AuditFixtures.packageRoot
        let manifest = try GoldenManifest.load(root: root)
        #expect(!manifest.sets.isEmpty)
        for set in manifest.sets {
            let source: any MarketDataSource
            switch try set.sourceSpec {
            case .simulate(let seed): source = SimulatorSource(seed: seed)
            case .archive(let path): source = try ArchiveSource(path: root.appendingPathComponent(path).path)
            }
            let adapters = try (set.adapters ?? AdapterRegistry.builtIn.names).map { name throws in try AdapterRegistry.builtIn.adapter(named: name) }
            let report = try await GoldenFiles.run(set, source: source, adapters: adapters, root: root)
            let statuses = GoldenFiles.verify(set, report: report, root: root)
            #expect(statuses.count == adapters.count)
            for status in statuses {
                #expect(status.difference == nil, "\(status); if intended: tapedeck golden update, and commit with the reason (docs/AUDIT.md)")
            }
        }
    }

    @Test func aTamperedFileNamesTheFirstDifferingEntryAdapterAndValue() {
        let old = """
            {"M1EMA.close":8.92,"M1EMA.ema":8.993,"entry_time":"2024-03-15T10:00:00-04:00","id":"crox-1","symbol":"CROX"}
            {"M1EMA.close":20.78,"M1EMA.ema":null,"entry_time":"2024-03-15T09:45:00-04:00","id":"etsy-1","symbol":"ETSY"}

            """
        let new = old.replacingOccurrences(of: "\"M1EMA.ema\":null", with: "\"M1EMA.ema\":20.8")
        let difference = Difference.golden(file: "golden/x/M1EMA.jsonl", old: old, new: new)
        #expect(difference?.origin == .golden(file: "golden/x/M1EMA.jsonl", line: 2, differingLines: 1))
        #expect(difference?.entry == "etsy-1 ETSY 2024-03-15T09:45:00-04:00")
        #expect(difference?.column == "M1EMA.ema")
        #expect(difference?.expected == "null" && difference?.actual == "20.8")
        #expect(Difference.golden(file: "f", old: old, new: old) == nil)
        #expect(Difference.golden(file: "f", old: nil, new: old)?.description == "f: missing (2 lines)")
        let extra = Difference.golden(file: "f", old: old, new: old + "{\"id\":\"z\"}\n")
        #expect(extra?.origin == .golden(file: "f", line: 3, differingLines: 2) && extra?.expected == "<empty>")
    }

    @Test func canonicalOutputIsStableAndItsDigestIsSHA256() {
        // FIPS 180-2 test vectors.
        #expect(CanonicalOutput.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(CanonicalOutput.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let report = BacktestReport(
            columns: ["B.x", "A.y", "A.z"], signals: [Signal(symbol: symbol("SPY"), entry: time("2024-03-15 09:35"))],
            values: [[.nan, 0.1, -.infinity]])
        #expect(
            CanonicalOutput.jsonLines(report)
                == "{\"A.y\":0.1,\"A.z\":null,\"B.x\":null,\"entry_time\":\"2024-03-15T09:35:00-04:00\",\"id\":null,\"symbol\":\"SPY\"}\n")
        #expect(
            CanonicalOutput.jsonLines(report, adapter: "A")
                == "{\"A.y\":0.1,\"A.z\":null,\"entry_time\":\"2024-03-15T09:35:00-04:00\",\"id\":null,\"symbol\":\"SPY\"}\n")
    }
}
