import ArgumentParser
import Foundation
import MarketData
import MarketSimulator
import SimulatorServer
import TapeArchive

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
                and error bodies, and the stocks WebSocket feed at ws://HOST:PORT/stocks (T, Q, AM and A events, \
                replayed from --start at --speed). Point any Polygon client at the printed URL. Stop with Ctrl-C. \
                `tapedeck serve` is the same command.
                """
        )

        @Option(help: "Port to listen on (0 picks a free one).")
        var port: Int = 8080

        @Option(help: "Interface to bind.")
        var host: String = "127.0.0.1"

        @Option(help: "Simulator seed: the same seed always serves the same market.")
        var seed: UInt64 = 1

        @Option(
            parsing: .singleValue,
            help: """
                Serve recorded archives instead of the simulator (repeat it, or name a directory of *.tapedeck files): \
                any window they cover, paged and aggregated like the simulator's; a window they do not cover is \
                Polygon's 404 naming the `tapedeck record` command that fills it.
                """)
        var archive: [String] = []

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

        @Option(
            help: """
                The WebSocket feed (ws://HOST:PORT/stocks): New York time its replay clock starts at, e.g. \
                2024-03-15T09:30 (default: 09:30 of 2024-03-15, or of the archive's first recorded day).
                """)
        var start: String?

        @Option(help: "The feed's replay speed: a multiple of wall time (10 runs ten times faster), or max (as fast as the client reads).")
        var speed: String = "max"

        /// `--speed` as the feed takes it.
        func feedSpeed() throws -> FeedConfiguration.Speed {
            if speed == "max" { return .max }
            guard let factor = Double(speed), factor.isFinite, factor > 0, factor <= 1e6 else {
                throw ValidationError("--speed \(speed) is not max or a factor above 0 (up to 1000000), e.g. 1, 10 or max")
            }
            return .times(factor)
        }

        /// `--start` as an instant (`2024-03-15T09:30` or `2024-03-15 09:30`, New York time), or `nil`.
        func feedStart() throws -> Timestamp? {
            try start.map { text in try Timestamp(parsing: text.replacingOccurrences(of: "T", with: " ")) }
        }

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
            _ = try feedSpeed()
            _ = try feedStart()
            if !archive.isEmpty, !split.isEmpty || asOf != nil {
                throw ValidationError("--split and --as-of shape the simulator's market; an archive serves its bars as they were recorded")
            }
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
            configuration.feed.speed = try feedSpeed()
            configuration.feed.start = try feedStart()
            let source: any MarketDataSource
            let origin: String
            if archive.isEmpty {
                source = SimulatorSource(seed: seed, splits: configuration.splits)
                origin = "the simulator (seed \(seed))"
            } else {
                let archives = try ArchiveSource(paths: archive)
                configuration.conditionTable = try await archives.conditionTable()
                configuration.recorded = try ArchiveReplay(archives.archives)
                var symbols: Set<Symbol> = []
                var tickDays: [LocalDate] = []
                for archive in archives.archives {
                    for entry in try archive.info().entries {
                        symbols.insert(try Symbol(entry.symbol))
                        if entry.kind != "bars", let day = try? LocalDate(parsing: entry.day) { tickDays.append(day) }
                    }
                }
                configuration.feed.symbols = symbols.sorted()
                // The feed replays trades and quotes: its default day is the first that has them.
                if let first = tickDays.min() { configuration.feed.defaultDay = first }
                source = archives
                origin = archive.count == 1 ? "archive \(archive[0])" : "\(archive.count) archives"
            }
            let server = SimulatorServer(source: source, configuration: configuration)
            let host = self.host
            try await server.run(handleSignals: true) { port in
                // Written unbuffered: scripts and tests read the URL from a pipe while the server runs.
                let text = """
                    serving Polygon's API from \(origin) at http://\(host):\(port)
                    stocks WebSocket feed: ws://\(host):\(port)/stocks
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
