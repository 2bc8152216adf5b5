import Foundation
import MarketData
import MarketSimulator
import SimulatorServer
import Testing

/// Bars and ticks on one price scale: a day before a split, recorded "after" it.
@Suite(.serialized)
struct SplitAdjustmentTests {
    static let key = "split-test-key-0123456789abcdef"
    /// CROX splits 10-for-1 on 2024-06-10, after the recorded day.
    static let split = try! StockSplit(parsing: "2024-06-10:10-for-1")

    static func serve() async throws -> (String, Task<Void, any Error>) {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.splits = [try Symbol("CROX"): [split]]
        let server = SimulatorServer(source: SimulatorSource(seed: 1, splits: configuration.splits), configuration: configuration)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        return ("http://127.0.0.1:\(port)", task)
    }

    /// Per regular-session minute, the last trade that may set a regular-hours bar's close: no conditions,
    /// or an intermarket sweep only (odd lots 37 and Form T 12 may not), from the CSV export.
    static func lastEligiblePrices(_ csv: String) -> [Int64: Double] {
        var last: [Int64: Double] = [:]
        let lines = csv.split(separator: "\n")
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
            let time = header.firstIndex(of: "sip_timestamp"), let price = header.firstIndex(of: "price"),
            let conditions = header.firstIndex(of: "conditions")
        else { return [:] }
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let codes = fields[conditions].split(separator: ";")
            guard codes.allSatisfy({ $0 == "14" }), let t = Int64(fields[time]), let p = Double(fields[price]) else { continue }
            last[t / 60_000_000_000] = p
        }
        return last
    }

    static func closes(_ csv: String) -> [Int64: Double] {
        var closes: [Int64: Double] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if let t = Int64(fields[0]), let c = Double(fields[5]) { closes[t / 60_000_000_000] = c }
        }
        return closes
    }

    @Test func barsAreRecordedAsTradedByDefaultAndAdjustedOnRequest() async throws {
        let (url, task) = try await Self.serve()
        defer { task.cancel() }
        let directory = NSTemporaryDirectory() + "tapedeck-split-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = ["POLYGON_API_KEY": Self.key]
        let window = ["--symbols", "CROX", "--date", "2024-03-15", "--from", "09:30", "--to", "16:00", "--base-url", url]

        // As traded (the default): every bar's close is the last eligible trade's price of its minute.
        let traded = directory + "/traded.tapedeck"
        #expect(try await CommandRunner.run(["record", "--archive", traded] + window, environment: environment).status == 0)
        let trades = try await CommandRunner.run(["archive", "export", traded, "--symbol", "CROX", "--kind", "trades", "--format", "csv"])
        let bars = try await CommandRunner.run(["archive", "export", traded, "--symbol", "CROX", "--kind", "bars", "--format", "csv"])
        let lastPrices = Self.lastEligiblePrices(trades.stdout)
        let closes = Self.closes(bars.stdout)
        let regular = closes.filter { lastPrices[$0.key] != nil }
        #expect(regular.count > 100)
        for (minute, close) in regular { #expect(close == lastPrices[minute], "minute \(minute)") }
        // The split is real: before it CROX trades near ten times its later price.
        let later = try await SimulatorSource(seed: 1).trades(
            try Symbol("CROX"),
            in: TimeWindow(
                uncheckedStart: try Timestamp(parsing: "2024-06-10 10:00"), end: try Timestamp(parsing: "2024-06-10 16:00")))
        let before = lastPrices.values.sorted()[lastPrices.count / 2]
        let after = later.map(\.price).sorted()[later.count / 2]
        #expect(before / after > 5 && before / after < 20)
        let info = try await CommandRunner.run(["archive", "info", traded])
        #expect(info.stdout.contains("bars: as traded"))

        // --adjusted: bars on the post-split scale (a tenth), said by `archive info`, and a warning naming
        // the bar adapters when a run mixes them with trade and quote adapters.
        let adjusted = directory + "/adjusted.tapedeck"
        #expect(try await CommandRunner.run(["record", "--adjusted", "--archive", adjusted] + window, environment: environment).status == 0)
        let adjustedBars = try await CommandRunner.run(["archive", "export", adjusted, "--symbol", "CROX", "--kind", "bars", "--format", "csv"])
        let adjustedCloses = Self.closes(adjustedBars.stdout)
        #expect(adjustedCloses.count == closes.count)
        for (minute, close) in closes { #expect(abs(adjustedCloses[minute]! * 10 - close) < 1e-9 * close) }
        #expect(try await CommandRunner.run(["archive", "info", adjusted]).stdout.contains("bars: split-adjusted"))
        let signals = directory + "/signals.csv"
        try "CROX,2024-03-15 12:00,x\n".write(toFile: signals, atomically: true, encoding: .utf8)
        let run = try await CommandRunner.run(
            ["backtest", "--archive", adjusted, "--signals", signals, "--adapters", "M1EMA,CumDelta", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = run.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(warnings.count == 1 && warnings[0].contains("split-adjusted") && warnings[0].contains(": M1EMA ("))
        let quiet = try await CommandRunner.run(
            ["backtest", "--archive", traded, "--signals", signals, "--adapters", "M1EMA,CumDelta", "--format", "json"])
        #expect(!quiet.stderr.contains("warning:"))
        // One archive keeps one scale.
        let mixed = try await CommandRunner.run(
            ["record", "--adjusted", "--archive", traded, "--symbols", "CROX", "--date", "2024-03-14", "--kinds", "bars", "--base-url", url],
            environment: environment)
        #expect(mixed.status != 0 && mixed.stderr.contains("holds as-traded bars"))
    }

    @Test(arguments: [("2024-06-10:10-for-1", 10.0), ("2024-06-10:3-for-2", 1.5), ("2024-06-10:1-for-10", 0.1)])
    func splitsParseAndAdjustAsPolygonDoes(_ text: String, _ ratio: Double) throws {
        let split = try StockSplit(parsing: text)
        #expect(split.ratio == ratio)
        let bar = Bar(start: try Timestamp(parsing: "2024-03-15 10:00"), open: 30, high: 33, low: 27, close: 30, volume: 100, vwap: 30, transactions: 7)
        let adjusted = StockSplit.adjusted(bar, for: [split], asOf: LocalDate(year: 2024, month: 12, day: 31)!)
        #expect(adjusted.close == 30 / ratio && adjusted.high == 33 / ratio && adjusted.volume == 100 * ratio && adjusted.transactions == 7)
        // Not yet executed on the day of the request, or already in effect on the bar's day: unchanged.
        #expect(StockSplit.adjusted(bar, for: [split], asOf: LocalDate(year: 2024, month: 6, day: 9)!) == bar)
        let late = Bar(start: try Timestamp(parsing: "2024-06-10 10:00"), open: 3, high: 3, low: 3, close: 3, volume: 1, vwap: nil, transactions: 1)
        #expect(StockSplit.adjusted(late, for: [split], asOf: LocalDate(year: 2024, month: 12, day: 31)!) == late)
    }

    @Test(arguments: ["2024-06-10", "2024-06-10:0", "2024-06-10:2-for-2", "2024-13-10:2", "june:2"])
    func badSplitsAreOneLineErrors(_ text: String) {
        #expect(throws: TapeDeckError.self) { try StockSplit(parsing: text) }
    }
}
