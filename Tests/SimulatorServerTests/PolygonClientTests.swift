import Foundation
import MarketData
import MarketSimulator
import Testing

/// Polygon's official Python client lists aggregates, trades and quotes from the server, changed only in
/// its base URL. `.ci/run` installs the client (`pip install polygon-api-client`); where it is missing the
/// test is skipped, never silently passed.
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

    /// The script sends floats as Python's repr text, because Foundation's JSON reader on Linux rounds some
    /// doubles in the last digit; Swift's `Double(String)` reads them exactly.
    static func double(_ value: Any?) -> Double? {
        (value as? String).flatMap(Double.init) ?? (value as? NSNumber)?.doubleValue
    }

    @Test(.enabled(if: clientInstalled, "needs `pip install polygon-api-client`"))
    func officialPythonClientReadsTheServer() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let symbol = try Symbol("MID")
        let window = try TimeWindow(start: Timestamp(parsing: "2024-03-15 11:00"), end: Timestamp(parsing: "2024-03-15 11:20"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", root.appendingPathComponent("tools/polygon-client-check.py").path, server.base, "MID",
            String(window.start.nanoseconds), String(window.end.nanoseconds),
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String: Any]]])

        let bars = TestServer.simulator.minuteBars(symbol, in: window)
        let aggs = try #require(json["aggs"])
        #expect(aggs.count == bars.count)
        #expect(aggs.map { ($0["t"] as? NSNumber)?.int64Value } == bars.map { $0.start.milliseconds })
        #expect(aggs.map { Self.double($0["c"]) } == bars.map(\.close))
        #expect(aggs.map { Self.double($0["vw"]) } == bars.map(\.vwap))

        let trades = TestServer.simulator.trades(symbol, in: window)
        let clientTrades = try #require(json["trades"])
        #expect(clientTrades.count == trades.count)
        #expect(clientTrades.map { ($0["sip"] as? NSNumber)?.int64Value } == trades.map(\.sipTimestamp.nanoseconds))
        #expect(clientTrades.map { ($0["seq"] as? NSNumber)?.int64Value } == trades.map(\.sequenceNumber))
        #expect(clientTrades.map { Self.double($0["price"]) } == trades.map(\.price))
        #expect(clientTrades.map { $0["id"] as? String } == trades.map(\.id.description))

        let quotes = TestServer.simulator.quotes(symbol, in: window).reversed().map { $0 }
        let clientQuotes = try #require(json["quotes"])
        #expect(clientQuotes.count == quotes.count)
        #expect(clientQuotes.map { ($0["seq"] as? NSNumber)?.int64Value } == quotes.map(\.sequenceNumber))
        #expect(clientQuotes.map { Self.double($0["bid"]) } == quotes.map(\.bidPrice))
        #expect(trades.count > 50 && quotes.count > 333)  // the client had to follow next_url
    }
}
