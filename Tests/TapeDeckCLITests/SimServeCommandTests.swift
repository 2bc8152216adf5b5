import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `tapedeck sim serve` prints its URL, serves, and stops cleanly on SIGTERM and SIGINT.
struct SimServeCommandTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func servesThenStopsOnSignal(_ signal: Int32) async throws {
        let server = try ServeProcess.start(["--seed", "7", "--api-key", "secret-key-123"])
        #expect(server.firstLine.hasPrefix("serving Polygon's API from the simulator (seed 7) at http://127.0.0.1:"))
        #expect(!server.firstOutput.contains("secret-key-123"))
        let url = try #require(server.firstLine.split(separator: " ").last.map(String.init))
        var request = URLRequest(url: URL(string: url + "/v3/trades/SPY?timestamp=2024-03-15&limit=2&order=asc")!)
        request.setValue("Bearer secret-key-123", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("{\"results\":[{"))
        kill(server.process.processIdentifier, signal)
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        #expect(!server.remainingOutput().contains("secret-key-123"))
    }

    @Test(arguments: [
        (["sim", "serve", "--faults", "5xx=2"], "5xx"),
        (["sim", "serve", "--faults", "explode=0.1"], "explode"),
        (["sim", "serve", "--port", "70000"], "70000"),
        (["sim", "serve", "--rate-limit", "0"], "--rate-limit"),
        (["sim", "serve", "--shapes", "fancy"], "--shapes"),
    ])
    func badOptionsAreOneLineErrors(_ arguments: [String], _ named: String) async throws {
        let result = try await CommandRunner.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").first?.contains(named) == true, "\(result.stderr)")
    }
}
