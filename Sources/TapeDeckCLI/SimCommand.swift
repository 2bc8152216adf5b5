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
            abstract: "Serve simulated aggregates, trades, quotes and trade conditions over HTTP in Polygon's wire format.",
            discussion: """
                Endpoints: /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}, /v3/trades/{ticker}, \
                /v3/quotes/{ticker} and /v3/reference/conditions, with Polygon's parameters, limits, next_url paging \
                and error bodies. Point any Polygon client at the printed URL. Stop with Ctrl-C.
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

        @Option(
            help: """
                Response shapes: 'plain' (canonical compact JSON, the default) or 'real' (like the real API: gzip, \
                chunked or sized bodies, pretty-printed JSON in another key order with unknown fields, next_url on \
                https://api.massive.com, ties out of sequence order).
                """)
        var shapes: String = ResponseShape.plain.rawValue

        @Option(
            parsing: .singleValue,
            help:
                "A stock split SYMBOL:DATE:TO-FOR-FROM, e.g. NVDA:2024-06-10:10-for-1 (repeatable): the symbol trades on the old scale before DATE, and adjusted=true aggregates are adjusted for it."
        )
        var split: [String] = []

        @Option(help: "The day of the request for adjusted=true aggregates: splits executed after it are not applied (default: all).")
        var asOf: String?

        /// The `--split` options by symbol.
        func splits() throws -> [Symbol: [StockSplit]] {
            var splits: [Symbol: [StockSplit]] = [:]
            for text in split {
                guard let colon = text.firstIndex(of: ":") else {
                    throw ValidationError("--split \(text) is not SYMBOL:DATE:TO-FOR-FROM, e.g. NVDA:2024-06-10:10-for-1")
                }
                splits[try Symbol(String(text[..<colon])), default: []].append(try StockSplit(parsing: String(text[text.index(after: colon)...])))
            }
            return splits
        }

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port number (0-65535)") }
            if let rateLimit, rateLimit < 1 { throw ValidationError("--rate-limit \(rateLimit) must be at least 1 request per minute") }
            guard ResponseShape(rawValue: shapes) != nil else {
                throw ValidationError("--shapes '\(shapes)' is not a response shape; use 'plain' or 'real'")
            }
            _ = try splits()
            if let asOf { _ = try LocalDate(parsing: asOf) }
        }

        func run() async throws {
            var configuration = ServerConfiguration()
            configuration.host = host
            configuration.port = port
            configuration.apiKey = apiKey
            configuration.requestsPerMinute = rateLimit
            configuration.shapes = ResponseShape(rawValue: shapes) ?? .plain
            if let faults {
                do {
                    configuration.faults = try FaultPlan(parsing: faults)
                } catch {
                    throw ValidationError("--faults: \(error)")
                }
            }
            configuration.splits = try splits()
            if let asOf { configuration.asOf = try LocalDate(parsing: asOf) }
            let server = SimulatorServer(
                source: SimulatorSource(seed: seed, splits: configuration.splits), configuration: configuration)
            let host = self.host
            let seed = self.seed
            try await server.run(handleSignals: true) { port in
                // Written unbuffered: scripts and tests read the URL from a pipe while the server runs.
                let text = """
                    serving Polygon's API from the simulator (seed \(seed)) at http://\(host):\(port)
                    try: curl -H 'Authorization: Bearer any-key' 'http://\(host):\(port)/v3/trades/SPY?timestamp=2024-03-15&limit=5&order=asc'

                    """
                do {
                    try Console.write(text)
                } catch {
                    Console.note("warning: \(error)\n")
                }
            }
        }
    }
}
