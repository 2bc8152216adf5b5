import Foundation
import MarketData
import MarketSimulator
import PolygonWire
import SimulatorServer
import Testing

/// `ResponseShape.real`: the same records and the same number text as the plain shape, spelled the ways the
/// real API spells them (gzip, chunked or sized bodies, pretty JSON, reversed keys, unknown fields,
/// `next_url` on api.massive.com, ties out of sequence order) — and the plain shape unchanged.
struct RealShapesTests {
    static let liquid = try! Symbol("LIQ")
    /// Two minutes of the very liquid symbol: sweeps print several trades (and quotes) on one SIP timestamp.
    static let window = try! TimeWindow(start: Timestamp(parsing: "2024-03-15 10:00"), end: Timestamp(parsing: "2024-03-15 10:02"))
    static let range = "timestamp.gte=\(window.start.nanoseconds)&timestamp.lt=\(window.end.nanoseconds)"

    static func real(_ configuration: inout ServerConfiguration) { configuration.shapes = .real }

    /// The plain shape is PolygonWire's encoding of the simulator's records, byte for byte, identity-encoded
    /// with a Content-Length, whatever the request accepts.
    @Test(arguments: [true, false])
    func plainShapeIsTheCanonicalEncoding(acceptsGzip: Bool) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await WireClient.get(
            server.base + "/v3/trades/LIQ?\(Self.range)&order=asc&limit=50000",
            headers: acceptsGzip ? [("Accept-Encoding", "gzip")] : [])
        #expect(reply.status == 200)
        #expect(!reply.isGzip && !reply.isChunked)
        #expect(reply.contentLength == reply.body.count)
        let requestID = try #require(try WireDecoder.tradesPage(reply.body).requestID)
        let trades = TestServer.simulator.trades(Self.liquid, in: Self.window)
        #expect(reply.body == WireEncoder.tradesPage(trades, requestID: requestID))
    }

    /// gzip exactly when `Accept-Encoding` admits it; the inflated body equals the identity body.
    @Test(
        arguments: [
            (nil, false), ("gzip", true), ("deflate, gzip", true), ("GZIP;q=0.5", true), ("gzip;q=0", false),
            ("*", true), ("identity", false), ("br, *;q=0", false),
        ] as [(String?, Bool)])
    func realShapeGzipsWhenAccepted(acceptEncoding: String?, gzipped: Bool) async throws {
        let server = try await TestServer.start(configure: Self.real)
        defer { Task { await server.stop() } }
        let url = server.base + "/v3/quotes/MID?timestamp=2024-03-15&order=asc&limit=200"
        let reply = try await WireClient.get(url, headers: acceptEncoding.map { [("Accept-Encoding", $0)] } ?? [])
        #expect(reply.status == 200)
        #expect(reply.isGzip == gzipped)
        #expect(reply.body.starts(with: [0x1F, 0x8B, 0x08]) == gzipped)
        let identity = try await WireClient.get(url)
        #expect(!identity.isGzip)
        #expect(try reply.json() == identity.body)
        #expect(RealShape.acceptsGzip(acceptEncoding) == gzipped)
    }

    /// Pages go out with a Content-Length or chunked, decided by the request: both occur, and the same
    /// request always gets the same bytes and the same framing.
    @Test func realShapeAlternatesContentLengthAndChunked() async throws {
        let server = try await TestServer.start(configure: Self.real)
        defer { Task { await server.stop() } }
        var url: String? = server.base + "/v3/trades/LIQ?\(Self.range)&order=asc&limit=40"
        var framings: [Bool] = []
        var first: WireClient.Response?
        while let next = url, framings.count < 12 {
            let reply = try await WireClient.get(next, headers: [("Accept-Encoding", "gzip")])
            #expect(reply.status == 200 && reply.isGzip)
            if reply.isChunked {
                #expect(reply.contentLength == nil)
            } else {
                #expect(reply.contentLength == reply.body.count)
            }
            framings.append(reply.isChunked)
            first = first ?? reply
            // next_url is on Massive's host; take its path and query, as Polygon's Python client does.
            let nextURL = try WireDecoder.tradesPage(reply.json()).nextURL
            url = nextURL.map { server.base + $0.dropFirst(RealShape.nextURLBase.count) }
        }
        #expect(framings.count == 12)
        #expect(framings.contains(true) && framings.contains(false))
        let again = try await WireClient.get(
            server.base + "/v3/trades/LIQ?\(Self.range)&order=asc&limit=40", headers: [("Accept-Encoding", "gzip")])
        #expect(again.body == first?.body)
        #expect(again.isChunked == first?.isChunked)
    }

    /// Every endpoint: the real page decodes to the plain page's records (ties aside), carries every number
    /// of the plain page spelled the same, and points `next_url` at api.massive.com with the same cursor.
    @Test(arguments: [
        "/v3/trades/LIQ?\(range)&order=asc&limit=300", "/v3/quotes/LIQ?\(range)&order=desc&limit=300",
        "/v2/aggs/ticker/MID/range/1/minute/2024-03-15/2024-03-15?limit=120",
        "/v3/reference/conditions?asset_class=stocks&data_type=trade&limit=20",
    ])
    func realShapeKeepsEveryValue(_ path: String) async throws {
        let plain = try await TestServer.start()
        let real = try await TestServer.start(configure: Self.real)
        defer {
            Task {
                await plain.stop(); await real.stop()
            }
        }
        let plainBody = try await WireClient.get(plain.base + path).body
        let realBody = try await WireClient.get(real.base + path, headers: [("Accept-Encoding", "gzip")]).json()
        #expect(realBody != plainBody)
        let plainNext: String?
        let realNext: String?
        if path.hasPrefix("/v3/trades") {
            let (p, r) = (try WireDecoder.tradesPage(plainBody), try WireDecoder.tradesPage(realBody))
            #expect(Self.tapeOrdered(r.results) == p.results)
            (plainNext, realNext) = (p.nextURL, r.nextURL)
        } else if path.hasPrefix("/v3/quotes") {
            let (p, r) = (try WireDecoder.quotesPage(plainBody), try WireDecoder.quotesPage(realBody))
            #expect(Self.tapeOrdered(r.results).reversed() == p.results)
            (plainNext, realNext) = (p.nextURL, r.nextURL)
        } else if path.hasPrefix("/v2/aggs") {
            let (p, r) = (try WireDecoder.aggsPage(plainBody), try WireDecoder.aggsPage(realBody))
            #expect(r.results == p.results && r.count == p.count && r.ticker == p.ticker)
            (plainNext, realNext) = (p.nextURL, r.nextURL)
        } else {
            let (p, r) = (try WireDecoder.conditionsPage(plainBody), try WireDecoder.conditionsPage(realBody))
            #expect(r.results == p.results && r.count == p.count)
            (plainNext, realNext) = (p.nextURL, r.nextURL)
        }
        let plainURL = try #require(plainNext)
        let realURL = try #require(realNext)
        #expect(plainURL.hasPrefix(plain.base + "/"))
        #expect(realURL.hasPrefix(RealShape.nextURLBase + "/"))
        #expect(realURL.dropFirst(RealShape.nextURLBase.count) == plainURL.dropFirst(plain.base.count))
        let realNumbers = Self.numberTokens(realBody)
        for (token, count) in Self.numberTokens(plainBody) {
            #expect(realNumbers[token, default: 0] >= count, "\(token) is missing or respelled")
        }
    }

    /// Pretty-printed with two spaces and `": "`; envelope keys reversed with `count` and `x_extra` added;
    /// record keys reversed with `x_meta` and `x_history` added.
    @Test func realShapeLayout() async throws {
        let server = try await TestServer.start(configure: Self.real)
        defer { Task { await server.stop() } }
        let body = try await WireClient.get(server.base + "/v3/trades/LIQ?\(Self.range)&order=asc&limit=5").json()
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"next_url\": \"https://api.massive.com/v3/trades/LIQ?cursor="))
        #expect(text.hasSuffix("\n}\n"))
        #expect(Self.keys(in: text, indent: 2) == ["next_url", "count", "x_extra", "request_id", "status", "results"])
        #expect(text.contains("\n  \"count\": 5,\n"))
        // The records: the last envelope member, each at four spaces, members at six.
        let results = try #require(text.firstRange(of: "\"results\": [\n")).upperBound
        let records = text[results...].components(separatedBy: "\n    }")
        #expect(records.count == 6)
        for record in records.dropLast() {
            let keys = Self.keys(in: record, indent: 6)
            #expect(keys.first == "x_meta")
            #expect(keys.count(where: { $0 == "x_history" }) == 1)
            // Our trade keys are alphabetical; the real shape sends them in reverse.
            let known = keys.filter { !$0.hasPrefix("x_") }
            #expect(known == known.sorted(by: >))
            #expect(known.contains("sip_timestamp") && known.contains("sequence_number") && known.contains("price"))
        }
    }

    /// On a real trades or quotes page, records sharing a SIP timestamp come in another order than their
    /// sequence numbers; on a plain page never.
    @Test(arguments: ["trades", "quotes"])
    func realShapeShufflesTies(_ endpoint: String) async throws {
        let plain = try await TestServer.start()
        let real = try await TestServer.start(configure: Self.real)
        defer {
            Task {
                await plain.stop(); await real.stop()
            }
        }
        let path = "/v3/\(endpoint)/LIQ?\(Self.range)&order=asc&limit=50000"
        func keys(_ body: [UInt8]) throws -> [(Int64, Int64)] {
            endpoint == "trades"
                ? try WireDecoder.tradesPage(body).results.map { ($0.sipTimestamp.nanoseconds, $0.sequenceNumber) }
                : try WireDecoder.quotesPage(body).results.map { ($0.sipTimestamp.nanoseconds, $0.sequenceNumber) }
        }
        let plainKeys = try keys(try await WireClient.get(plain.base + path).body)
        let realKeys = try keys(try await WireClient.get(real.base + path).json())
        let ties = zip(plainKeys, plainKeys.dropFirst()).filter { $0.0 == $1.0 }.count
        #expect(ties > 0, "the window must hold records sharing a SIP timestamp")
        #expect(zip(plainKeys, plainKeys.dropFirst()).allSatisfy { $0 < $1 })
        let outOfSequence = zip(realKeys, realKeys.dropFirst()).filter { $0.0 == $1.0 && $0.1 > $1.1 }.count
        #expect(outOfSequence == ties)
        #expect(realKeys.sorted { $0 < $1 }.map(\.1) == plainKeys.map(\.1))
    }

    /// The reshaping works on tokens: awkward number spellings, escapes and empty containers survive verbatim.
    @Test func reshapingKeepsTokensVerbatim() throws {
        let tokens = [
            "1e-05", "-0.0", "642646396.0", "1651181822461636600", "0.30000000000000004", "1E+2", "5e-324",
            "\"a\\\"b\\u00e9\"", "true", "null",
        ]
        let input = "{\"z\":{},\"results\":[{\"v\":[\(tokens.joined(separator: ","))],\"e\":[]}],\"a\":1}"
        let output = String(decoding: try RealShape.reshape(Array(input.utf8)), as: UTF8.self)
        for token in tokens { #expect(output.contains("\n        \(token)")) }
        #expect(output.contains("\"e\": []") && output.contains("\"z\": {}"))
        // Keys reversed: "a" now comes before "z".
        let a = try #require(output.firstRange(of: "\"a\": 1"))
        let z = try #require(output.firstRange(of: "\"z\": {}"))
        #expect(a.lowerBound < z.lowerBound)
        #expect(throws: RawJSONError.self) { try RealShape.reshape(Array("{\"a\":[1,}".utf8)) }
        #expect(throws: RawJSONError.self) { try RealShape.reshape(Array("{\"a\":1} x".utf8)) }
    }

    @Test func tieShuffleReversesRuns() {
        var records = [(1, "a"), (2, "b"), (2, "c"), (2, "d"), (3, "e"), (4, "f"), (4, "g")]
        RealShape.shuffleTies(&records) { Int64($0.0) }
        #expect(records.map(\.1) == ["a", "d", "c", "b", "e", "g", "f"])
    }

    // MARK: Helpers

    static func tapeOrdered<Record: TapeOrdered>(_ records: [Record]) -> [Record] {
        records.sorted { ($0.tapeTime, $0.tapeSequence) < ($1.tapeTime, $1.tapeSequence) }
    }

    /// Every number token outside strings, with how often it occurs.
    static func numberTokens(_ body: [UInt8]) -> [String: Int] {
        var counts: [String: Int] = [:]
        var index = 0
        var inString = false
        while index < body.count {
            let byte = body[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
                index += 1
                continue
            }
            if byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                let start = index
                while index < body.count, "0123456789+-.eE".utf8.contains(body[index]) { index += 1 }
                counts[String(decoding: body[start..<index], as: UTF8.self), default: 0] += 1
                continue
            }
            index += 1
        }
        return counts
    }

    /// The member names at exactly `indent` spaces, in document order.
    static func keys(in text: String, indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent) + "\""
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(prefix) else { return nil }
            let rest = line.dropFirst(prefix.count)
            guard let close = rest.firstIndex(of: "\""), rest[close...].hasPrefix("\": ") else { return nil }
            return String(rest[..<close])
        }
    }
}
