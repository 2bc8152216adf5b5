import Foundation
import MarketData
import MarketSimulator
import SimulatorServer
import Testing

/// Polygon's official Python client lists aggregates, trades, quotes and trade conditions from the server,
/// changed only in its base URL, in both response shapes (the real one gzips, reorders, adds unknown fields
/// and points next_url at api.massive.com). `.ci/run` installs the client (`pip install
/// polygon-api-client`); where it is missing the test is skipped, never silently passed.
struct PolygonClientTests {
    static let clientInstalled: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import polygon"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Runs `tools/NAME` with `python3` and the arguments; its standard output and exit status. Read and
    /// waited for on a Dispatch thread: blocking a thread of Swift's cooperative pool (two on a two-core
    /// machine) while the server's handlers need it would deadlock concurrent test cases.
    static func runTool(_ name: String, _ arguments: String...) async throws -> (Data, Int32) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("tools/\(name)").path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The wait runs on a thread of its own, never on one of the task pool's few threads.
        return await withCheckedContinuation { continuation in
            Thread {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (data, process.terminationStatus))
            }.start()
        }
    }

    /// The script sends floats as Python's repr text, because Foundation's JSON reader on Linux rounds some
    /// doubles in the last digit; Swift's `Double(String)` reads them exactly.
    static func double(_ value: Any?) -> Double? {
        (value as? String).flatMap(Double.init) ?? (value as? NSNumber)?.doubleValue
    }

    /// `records` sorted by (SIP time, sequence number), ascending or descending, when `condition` holds.
    static func inTapeOrder(_ records: [[String: Any]], descending: Bool, if condition: Bool) -> [[String: Any]] {
        guard condition else { return records }
        func key(_ record: [String: Any]) -> (Int64, Int64) {
            ((record["sip"] as? NSNumber)?.int64Value ?? 0, (record["seq"] as? NSNumber)?.int64Value ?? 0)
        }
        return records.sorted { descending ? key($0) > key($1) : key($0) < key($1) }
    }

    @Test(.enabled(if: clientInstalled, "needs `pip install polygon-api-client`"), arguments: ResponseShape.allCases)
    func officialPythonClientReadsTheServer(shapes: ResponseShape) async throws {
        let server = try await TestServer.start { $0.shapes = shapes }
        defer { Task { await server.stop() } }
        let symbol = try Symbol("MID")
        let window = try TimeWindow(start: Timestamp(parsing: "2024-03-15 11:00"), end: Timestamp(parsing: "2024-03-15 11:20"))
        let (data, status) = try await Self.runTool(
            "polygon-client-check.py", server.base, "MID", String(window.start.nanoseconds), String(window.end.nanoseconds))
        #expect(status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String: Any]]])

        let bars = TestServer.simulator.minuteBars(symbol, in: window)
        let aggs = try #require(json["aggs"])
        #expect(aggs.count == bars.count)
        #expect(aggs.map { ($0["t"] as? NSNumber)?.int64Value } == bars.map { $0.start.milliseconds })
        #expect(aggs.map { Self.double($0["c"]) } == bars.map(\.close))
        #expect(aggs.map { Self.double($0["vw"]) } == bars.map(\.vwap))

        let trades = TestServer.simulator.trades(symbol, in: window)
        // The real shape sends records sharing a SIP timestamp out of sequence order, as the real API may.
        let clientTrades = Self.inTapeOrder(try #require(json["trades"]), descending: false, if: shapes == .real)
        #expect(clientTrades.count == trades.count)
        #expect(clientTrades.map { ($0["sip"] as? NSNumber)?.int64Value } == trades.map(\.sipTimestamp.nanoseconds))
        #expect(clientTrades.map { ($0["seq"] as? NSNumber)?.int64Value } == trades.map(\.sequenceNumber))
        #expect(clientTrades.map { Self.double($0["price"]) } == trades.map(\.price))
        #expect(clientTrades.map { $0["id"] as? String } == trades.map(\.id.description))

        let quotes = TestServer.simulator.quotes(symbol, in: window).reversed().map { $0 }
        let clientQuotes = Self.inTapeOrder(try #require(json["quotes"]), descending: true, if: shapes == .real)
        #expect(clientQuotes.count == quotes.count)
        #expect(clientQuotes.map { ($0["seq"] as? NSNumber)?.int64Value } == quotes.map(\.sequenceNumber))
        #expect(clientQuotes.map { Self.double($0["bid"]) } == quotes.map(\.bidPrice))
        #expect(trades.count > 50 && quotes.count > 333)  // the client had to follow next_url

        // list_conditions pages with Polygon's default limit of 10.
        let conditions = TradeConditionTable.builtIn.conditions
        let clientConditions = try #require(json["conditions"])
        #expect(conditions.count > 10)
        #expect(clientConditions.map { ($0["id"] as? NSNumber)?.int32Value } == conditions.map(\.id))
        #expect(clientConditions.map { $0["name"] as? String } == conditions.map(\.name))
        #expect(clientConditions.map { $0["high_low"] as? Bool } == conditions.map(\.consolidated.updatesHighLow))
        #expect(clientConditions.map { $0["open_close"] as? Bool } == conditions.map(\.consolidated.updatesOpenClose))
        #expect(clientConditions.map { $0["volume"] as? Bool } == conditions.map(\.consolidated.updatesVolume))
        #expect(
            clientConditions.allSatisfy {
                $0["type"] as? String == "sale_condition" && $0["asset_class"] as? String == "stocks"
                    && $0["data_types"] as? [String] == ["trade"]
            })
    }
}
