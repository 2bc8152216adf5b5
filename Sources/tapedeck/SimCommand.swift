import ArgumentParser
import Foundation
import MarketData
import MarketSimulator
import SimulatorServer

/// `tapedeck sim`: the deterministic market simulator.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the deterministic market simulator.",
        subcommands: [ServeCommand.self]
    )

    /// `tapedeck sim serve`: Polygon's REST endpoints over HTTP, from the simulator.
    struct ServeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve simulated aggregates, trades and quotes over HTTP in Polygon's wire format.",
            discussion: """
                Endpoints: /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}, /v3/trades/{ticker} \
                and /v3/quotes/{ticker}, with Polygon's parameters, limits, next_url paging and error bodies. \
                Point any Polygon client at the printed URL. Stop with Ctrl-C.
                """
        )

        @Option(help: "Port to listen on (0 picks a free one).")
        var port: Int = 8080

        @Option(help: "Interface to bind.")
        var host: String = "127.0.0.1"

        @Option(help: "Simulator seed: the same seed always serves the same market.")
        var seed: UInt64 = 1

        @Option(help: "The one API key to accept (apiKey query or Bearer header); default: any non-empty key.")
        var apiKey: String?

        @Option(help: "Requests per minute per key before answering 429, like Polygon's plans (free tier: 5).")
        var rateLimit: Int?

        @Option(help: "Deterministic faults, e.g. 5xx=0.05,drop=0.05,truncate=0.02,delay=0.1:250ms,seed=7.")
        var faults: String?

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port number (0-65535)") }
            if let rateLimit, rateLimit < 1 { throw ValidationError("--rate-limit \(rateLimit) must be at least 1 request per minute") }
        }

        func run() async throws {
            var configuration = ServerConfiguration()
            configuration.host = host
            configuration.port = port
            configuration.apiKey = apiKey
            configuration.requestsPerMinute = rateLimit
            if let faults {
                do {
                    configuration.faults = try FaultPlan(parsing: faults)
                } catch {
                    throw ValidationError("--faults: \(error)")
                }
            }
            let server = SimulatorServer(source: SimulatorSource(seed: seed), configuration: configuration)
            let host = self.host
            let seed = self.seed
            try await server.run(handleSignals: true) { port in
                // Written unbuffered: scripts and tests read the URL from a pipe while the server runs.
                let text = """
                    serving Polygon's API from the simulator (seed \(seed)) at http://\(host):\(port)
                    try: curl -H 'Authorization: Bearer any-key' 'http://\(host):\(port)/v3/trades/SPY?timestamp=2024-03-15&limit=5&order=asc'

                    """
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}
