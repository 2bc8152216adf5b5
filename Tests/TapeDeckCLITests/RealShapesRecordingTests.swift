import Foundation
import Testing

/// Recording through a server that answers the way the real API does (gzip, pretty-printed JSON with
/// keys in another order, unknown fields, `next_url` on api.massive.com, ties shuffled within pages)
/// gives the same archive contents and the same backtest, for every adapter, as the committed sample,
/// which `tools/record-sample.sh` records through the plain server.
struct RealShapesRecordingTests {
    @Test func aRealShapesRecordingEqualsTheSampleForEveryAdapter() async throws {
        let server = try ServeProcess.start(["--seed", "1", "--shapes", "real"])
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)"
        let archive = NSTemporaryDirectory() + "tapedeck-real-shapes-\(UUID().uuidString).tapedeck"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: archive + suffix) } }
        let environment = ["POLYGON_API_KEY": "real-shapes-test-key-0123456789ab", "SOURCE_DATE_EPOCH": "1710547200"]
        func record(_ arguments: [String]) async throws {
            let result = try await CommandRunner.run(
                ["record", "--base-url", url, "--archive", archive] + arguments, environment: environment)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        // The recipe of tools/record-sample.sh.
        for day in ["2024-03-08", "2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15"] {
            try await record(["--symbols", "SPY,ETSY,CROX", "--date", day, "--kinds", "bars"])
        }
        try await record(["--symbols", "ETSY,CROX", "--date", "2024-03-15", "--kinds", "trades,quotes"])
        try await record(["--symbols", "SPY", "--date", "2024-03-15", "--kinds", "trades,quotes", "--from", "09:00", "--to", "10:40"])

        let verify = try await CommandRunner.run(["archive", "verify", archive])
        #expect(verify.status == 0, "\(verify.stdout)")
        let info = try await CommandRunner.run(["archive", "info", archive])
        #expect(info.stdout.contains("trade conditions: recorded from /v3/reference/conditions"))

        let sample = "recordings/sample-2024-03-15.tapedeck"
        for symbol in ["SPY", "ETSY", "CROX"] {
            for kind in ["bars", "trades", "quotes"] {
                let arguments = ["--symbol", symbol, "--kind", kind, "--format", "jsonl"]
                let real = try await CommandRunner.run(["archive", "export", archive] + arguments)
                let plain = try await CommandRunner.run(["archive", "export", sample] + arguments)
                #expect(real.status == 0 && !real.stdout.isEmpty)
                #expect(real.stdout == plain.stdout, "\(symbol) \(kind) differs from the plain recording")
            }
        }
        let real = try await CommandRunner.run(["backtest", "--archive", archive, "--format", "json"])
        let plain = try await CommandRunner.run(["backtest", "--format", "json"])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(!real.stdout.isEmpty && real.stdout == plain.stdout)
    }
}
