import Foundation
import Testing

/// `tapedeck backtest --shard K/N` on the committed recording, then `tapedeck merge`: the merged file is
/// byte for byte the unsharded run's.
struct ShardCommandTests {
    @Test func shardedRunsMergeToTheUnshardedOutput() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

        let whole = try await CommandRunner.run(["backtest", "--format", "csv"])
        #expect(whole.status == 0, "\(whole.stderr)")
        var outputs: [String] = []
        for index in 1...2 {
            outputs.append(path("shard-\(index).csv"))
            let shard = try await CommandRunner.run(["backtest", "--shard", "\(index)/2", "--format", "csv", "--out", outputs.last!])
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merged = try await CommandRunner.run(["merge"] + outputs)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
        #expect(merged.stdout.split(separator: "\n").count == 11)  // header + the sample's 10 entries

        let swapped = try await CommandRunner.run(["merge", outputs[1], outputs[0]])
        #expect(swapped.status != 0)
        #expect(swapped.stderr.contains("shard"), "\(swapped.stderr)")
    }
}
