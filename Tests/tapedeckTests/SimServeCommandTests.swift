import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `tapedeck sim serve` prints its URL, serves, and stops cleanly on SIGTERM and SIGINT.
struct SimServeCommandTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func servesThenStopsOnSignal(_ signal: Int32) async throws {
        let process = Process()
        process.executableURL = try CommandRunner.executable
        process.arguments = ["sim", "serve", "--port", "0", "--seed", "7", "--api-key", "secret-key-123"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Read the first line: the URL the server listens on.
        var text = ""
        let handle = output.fileHandleForReading
        while !text.contains("\n") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(line.hasPrefix("serving Polygon's API from the simulator (seed 7) at http://127.0.0.1:"))
        #expect(!text.contains("secret-key-123"))
        let url = try #require(line.split(separator: " ").last.map(String.init))
        var request = URLRequest(url: URL(string: url + "/v3/trades/SPY?timestamp=2024-03-15&limit=2&order=asc")!)
        request.setValue("Bearer secret-key-123", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("{\"results\":[{"))
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        #expect(!rest.contains("secret-key-123"))
    }

    @Test(arguments: [
        (["sim", "serve", "--faults", "5xx=2"], "5xx"),
        (["sim", "serve", "--faults", "explode=0.1"], "explode"),
        (["sim", "serve", "--port", "70000"], "70000"),
        (["sim", "serve", "--rate-limit", "0"], "--rate-limit"),
        (["sim", "serve", "--shapes", "fancy"], "--shapes"),
    ])
    func badOptionsAreOneLineErrors(_ arguments: [String], _ named: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").first?.contains(named) == true, "\(result.stderr)")
    }
}
