#if os(Linux)
import Foundation
import TapeArchive
import Testing

import TapeDeckCLI

/// `tapedeck sim serve --archive FILE` serves a recording in Polygon's wire format: what the archive
/// covers, paged like the simulator, equal to `archive export`; what it does not cover is Polygon's 404
/// naming the `tapedeck record` command that fills it.
@Suite(.serialized)
struct ArchiveServeTests {
    static let sample = CommandRunner.packageRoot.appendingPathComponent("recordings/sample-2024-03-15.tapedeck").path

    /// `GET path` with a key, as JSON.
    static func get(_ path: String, port: Int) throws -> (status: Int, json: [String: Any]) {
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer archive-test-key\r\nConnection: close\r\n\r\n"
        let response = try RawHTTP.exchange(Array(request.utf8), port: port)
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        return (response.status, json)
    }

    /// Every page of a v3 listing, following next_url (its path and query; the host is the server's).
    static func list(_ path: String, port: Int) throws -> (results: [[String: Any]], pages: Int) {
        var results: [[String: Any]] = []
        var next: String? = path
        var pages = 0
        while let path = next {
            let page = try get(path, port: port)
            #expect(page.status == 200, "\(path): \(page.json)")
            results += page.json["results"] as? [[String: Any]] ?? []
            pages += 1
            next = (page.json["next_url"] as? String).flatMap(URL.init(string:)).map { url in
                url.path + (url.query.map { "?" + $0 } ?? "")
            }
        }
        return (results, pages)
    }

    /// `archive export`'s records of `kind` whose SIP time lies in [start, end), in the file's order.
    static func exported(_ symbol: String, _ kind: String, from start: Int64, to end: Int64) async throws -> [[String: Any]] {
        let export = try await CommandRunner.run(["archive", "export", sample, "--symbol", symbol, "--kind", kind])
        #expect(export.status == 0, "\(export.stderr)")
        return export.stdout.split(separator: "\n").compactMap { line in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let time = (record["sip_timestamp"] as? NSNumber)?.int64Value, time >= start, time < end
            else { return nil }
            return record
        }
    }

    /// A New York wall-clock time of 2024-03-15 (EDT, UTC-4) in nanoseconds since the epoch.
    static func nanoseconds(_ newYork: String) throws -> Int64 {
        let formatter = ISO8601DateFormatter()
        let date = try #require(formatter.date(from: newYork.replacingOccurrences(of: " ", with: "T") + ":00-04:00"))
        return Int64(date.timeIntervalSince1970) * 1_000_000_000
    }

    @Test func aCoveredWindowPagesExactlyTheRecordedTrades() async throws {
        let server = try ServeProcess.start(["--archive", Self.sample], command: ["serve"])
        defer { server.process.terminate() }
        #expect(server.firstLine.contains("from archive \(Self.sample)"))
        let start = try Self.nanoseconds("2024-03-15 11:00")
        let end = try Self.nanoseconds("2024-03-15 11:10")
        let served = try Self.list("/v3/trades/ETSY?timestamp.gte=\(start)&timestamp.lt=\(end)&order=asc&limit=25", port: server.port)
        let recorded = try await Self.exported("ETSY", "trades", from: start, to: end)
        #expect(recorded.count > 50)
        #expect(served.pages > 2)
        #expect(served.results.count == recorded.count)
        for key in ["sip_timestamp", "sequence_number", "price", "size", "exchange", "id"] {
            #expect(served.results.map { "\($0[key] ?? "-")" } == recorded.map { "\($0[key] ?? "-")" }, "\(key)")
        }
    }

    /// A request the recorder sent is answered with the bytes it received, only next_url pointed at this
    /// server (the sample was recorded from `sim serve` on another port); its follow-up page too.
    @Test func aRecordedRequestIsAnsweredWithTheRecordedBytes() throws {
        let archive = try Archive(path: Self.sample, readOnly: true)
        let recorded = try archive.recordedRequests()
        // A first page of quotes that has a follow-up (its body names next_url).
        var found: (request: String, text: String)?
        for candidate in recorded where candidate.request.hasPrefix("/v3/quotes/") && !candidate.request.contains("cursor=") {
            let text = String(decoding: try archive.body(of: try #require(try archive.response(id: candidate.id))), as: UTF8.self)
            if text.contains("\"next_url\"") {
                found = (candidate.request, text)
                break
            }
        }
        let (request, text) = try #require(found)
        let server = try ServeProcess.start(["--archive", Self.sample])
        defer { server.process.terminate() }
        let nextURL = try #require(text.range(of: #""next_url":"http://[^/]+/"#, options: .regularExpression))
        let expected = text.replacingCharacters(in: nextURL, with: "\"next_url\":\"http://127.0.0.1:\(server.port)/")
        let raw = "GET \(request) HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nAuthorization: Bearer k-1234567890\r\nConnection: close\r\n\r\n"
        let response = try RawHTTP.exchange(Array(raw.utf8), port: server.port)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == expected)
        // The follow-up the recorder sent next is recorded too, and answered the same way.
        let follow = String(text[nextURL.upperBound...].prefix { $0 != "\"" })
        #expect(recorded.contains { $0.request == "/" + follow })
    }

    /// Recorded requests are keyed as the server keys incoming ones: decoded, sorted, without the key.
    @Test func recordedRequestsAreKeyedLikeIncomingOnes() throws {
        #expect(
            ArchiveReplay.canonical("/v3/trades/X?timestamp.gte=2024-03-15&limit=5&cursor=a%2Fb") == "/v3/trades/X?cursor=a/b&limit=5&timestamp.gte=2024-03-15")
        #expect(ArchiveReplay.canonical("/v3/reference/conditions") == "/v3/reference/conditions?")
        let replay = try ArchiveReplay([try Archive(path: Self.sample, readOnly: true)])
        #expect(replay.count == 379, "every recorded response of the sample (sqlite3: SELECT count(*) FROM responses)")
    }

    /// Five-minute bars from the recorded minute bars: open of the first, close of the last, the extremes
    /// and the volume summed, worked out here from the minute bars the archive serves.
    @Test func aggregatesOfAnyMultiplierAreBuiltFromTheRecordedMinutes() throws {
        let server = try ServeProcess.start(["--archive", Self.sample])
        defer { server.process.terminate() }
        let minutes = try Self.get("/v2/aggs/ticker/CROX/range/1/minute/2024-03-15/2024-03-15?limit=50000", port: server.port)
        let fives = try Self.get("/v2/aggs/ticker/CROX/range/5/minute/2024-03-15/2024-03-15?limit=50000", port: server.port)
        #expect(minutes.status == 200 && fives.status == 200)
        let one = try #require(minutes.json["results"] as? [[String: Any]])
        let five = try #require(fives.json["results"] as? [[String: Any]])
        #expect(one.count > 100 && five.count > 20)
        var buckets: [Int64: [[String: Any]]] = [:]
        for bar in one { buckets[((bar["t"] as! NSNumber).int64Value / 300_000) * 300_000, default: []].append(bar) }
        #expect(five.count == buckets.count)
        for bar in five {
            let start = (bar["t"] as! NSNumber).int64Value
            let parts = try #require(buckets[start])
            #expect((bar["o"] as! NSNumber).doubleValue == (parts.first!["o"] as! NSNumber).doubleValue)
            #expect((bar["c"] as! NSNumber).doubleValue == (parts.last!["c"] as! NSNumber).doubleValue)
            #expect((bar["h"] as! NSNumber).doubleValue == parts.map { ($0["h"] as! NSNumber).doubleValue }.max())
            #expect((bar["l"] as! NSNumber).doubleValue == parts.map { ($0["l"] as! NSNumber).doubleValue }.min())
            let volume = parts.reduce(0.0) { $0 + ($1["v"] as! NSNumber).doubleValue }
            #expect(abs((bar["v"] as! NSNumber).doubleValue - volume) < 1e-6)
        }
    }

    @Test func anUncoveredWindowIsPolygons404NamingTheRecordCommand() throws {
        let server = try ServeProcess.start(["--archive", Self.sample])
        defer { server.process.terminate() }
        // The sample holds SPY's trades from 09:00 to 10:40 only.
        let start = try Self.nanoseconds("2024-03-15 11:00")
        let answer = try Self.get("/v3/trades/SPY?timestamp.gte=\(start)&timestamp.lt=\(start + 60_000_000_000)", port: server.port)
        #expect(answer.status == 404)
        #expect(answer.json["status"] as? String == "NOT_FOUND")
        let message = answer.json["message"] as? String ?? ""
        #expect(message.contains("is not recorded in") && message.contains("tapedeck record"), "\(answer.json)")
        #expect(answer.json["results"] == nil)
    }

    /// Polygon's official Python client, changed only in its base URL, reads a recorded day: its trades
    /// and quotes equal `archive export` of the same window, its conditions are the archive's table.
    @Test(.enabled(if: pythonClientInstalled, "needs `pip install polygon-api-client`"))
    func officialPythonClientReadsTheRecording() async throws {
        let server = try ServeProcess.start(["--archive", Self.sample])
        defer { server.process.terminate() }
        let start = try Self.nanoseconds("2024-03-15 11:00")
        let end = try Self.nanoseconds("2024-03-15 11:20")
        let port = server.port
        let (data, status) = try await offThePool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", CommandRunner.packageRoot.appendingPathComponent("tools/polygon-client-check.py").path,
                "http://127.0.0.1:\(port)", "ETSY", String(start), String(end),
            ]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (data, process.terminationStatus)
        }
        #expect(status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String: Any]]])

        let trades = try await Self.exported("ETSY", "trades", from: start, to: end)
        let clientTrades = try #require(json["trades"])
        #expect(trades.count > 50, "the client had to follow next_url")
        #expect(clientTrades.map { ($0["sip"] as? NSNumber)?.int64Value } == trades.map { ($0["sip_timestamp"] as? NSNumber)?.int64Value })
        #expect(clientTrades.map { ($0["seq"] as? NSNumber)?.int64Value } == trades.map { ($0["sequence_number"] as? NSNumber)?.int64Value })
        #expect(clientTrades.map { $0["price"] as? String } == trades.map { ($0["price"] as? NSNumber).map { "\($0.doubleValue)" } })

        // Quotes come newest first (order=desc), 333 a page.
        let quotes = try await Self.exported("ETSY", "quotes", from: start, to: end).reversed().map { $0 }
        let clientQuotes = try #require(json["quotes"])
        #expect(quotes.count > 333)
        #expect(clientQuotes.map { ($0["seq"] as? NSNumber)?.int64Value } == quotes.map { ($0["sequence_number"] as? NSNumber)?.int64Value })

        let conditions = try #require(json["conditions"])
        #expect(conditions.count == 33, "the archive's recorded table (archive info: 33 conditions)")
        let export = try await CommandRunner.run(["archive", "export", Self.sample, "--symbol", "ETSY", "--kind", "bars"])
        let bars = export.stdout.split(separator: "\n").compactMap { line -> Int64? in
            let bar = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard let time = (bar?["t"] as? NSNumber)?.int64Value, time >= start, time < end else { return nil }
            return time / 1_000_000
        }
        let aggs = try #require(json["aggs"])
        #expect(bars.count > 7, "list_aggs pages by 7; the client follows next_url")
        #expect(aggs.map { ($0["t"] as? NSNumber)?.int64Value } == bars.map { Optional($0) })
    }

    static let pythonClientInstalled: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import polygon"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test func simulatorOptionsAreRefusedWithAnArchive() async throws {
        let result = try await CommandRunner.run(["sim", "serve", "--archive", Self.sample, "--split", "CROX:2024-03-15:2-for-1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--split and --as-of shape the simulator's market"))
    }
}
#endif
