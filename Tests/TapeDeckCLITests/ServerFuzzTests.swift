#if os(Linux)
import Foundation
import MarketData
import MarketSimulator
import Testing

/// `tapedeck sim serve` under hostile requests: the issue's reproductions and thousands of generated ones
/// (random methods, paths, parameters and bytes, from a seeded generator) against the real binary on
/// loopback. Every answer must be Polygon's JSON (a page, or an error body) with a fitting status, the
/// server must stay up, and its memory must stay bounded.
@Suite(.serialized)
struct ServerFuzzTests {
    /// Generated requests per run: a few seconds against a debug build.
    static let requestCount = 2_000
    /// The peak resident memory the server may reach (a debug build idles at about 40 MB; one request for
    /// 36 years of daily bars once took 405 MB).
    static let memoryBound = 256 << 20

    /// The requests of the issue, each once, with the status each gets now: a time the server cannot
    /// represent is a 400, a representable one without data an empty page, a huge range a month's page.
    static let reproductions: [(String, Int)] = [
        ("GET / HTTP/1.1", 404), ("GET /v3/trades/ HTTP/1.1", 404), ("GET /v3/quotes/ HTTP/1.1", 404),
        ("POST /v3/trades/CROX HTTP/1.1", 405), ("DELETE /v3/trades/CROX HTTP/1.1", 405),
        ("GET /v3/trades/CROX?timestamp.gte=9999-12-31 HTTP/1.1", 400), ("GET /v3/trades/CROX?timestamp.gte=0001-01-01 HTTP/1.1", 400),
        ("GET /v3/trades/CROX?timestamp.gte=1600-01-01 HTTP/1.1", 400), ("GET /v3/trades/CROX?timestamp.gte=2262-01-01 HTTP/1.1", 200),
        ("GET /v3/trades/CROX?timestamp.gte=2262-06-01 HTTP/1.1", 400),
        ("GET /v2/aggs/ticker/CROX/range/1/day/9999-01-01/9999-12-31 HTTP/1.1", 400),
        ("GET /v2/aggs/ticker/CROX/range/1/day/2000-01-01/2035-12-31 HTTP/1.1", 200),
        ("GET /v2/aggs/ticker/CROX/range/1/minute/2000-01-01/2035-12-31?limit=50000 HTTP/1.1", 200),
    ]

    @Test func issueReproductionsGetPolygonsBodies() throws {
        let server = try ServeProcess.start()
        defer { server.stop() }
        var requests = Self.reproductions.map { (Array("\($0.0)\r\nHost: x\r\nAuthorization: Bearer k\r\nConnection: close\r\n\r\n".utf8), $0.1) }
        requests.append((Array("GET /v3/trades/".utf8) + [0xFF, 0xFE] + Array(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), 400))
        for (request, status) in requests {
            let response = try RawHTTP.exchange(request, port: server.port)
            let problems = Self.problems(response, method: "GET")
            #expect(problems.isEmpty, "\(String(decoding: request.prefix(90), as: UTF8.self)): \(problems)")
            #expect(response.status == status, "\(String(decoding: request.prefix(90), as: UTF8.self))")
        }
        #expect(server.process.isRunning)
    }

    @Test func thousandsOfGeneratedRequestsGetWellFormedAnswers() throws {
        let server = try ServeProcess.start(["--seed", "3"])
        defer { server.stop() }
        var generator = RequestGenerator(seed: 20_261_130)
        var failures: [String] = []
        var statuses: [Int: Int] = [:]
        for _ in 0..<Self.requestCount {
            let (method, request) = generator.next()
            do {
                let response = try RawHTTP.exchange(request, port: server.port, isHead: method == "HEAD")
                statuses[response.status, default: 0] += 1
                let problems = Self.problems(response, method: method)
                if !problems.isEmpty { failures.append("\(String(decoding: request.prefix(160), as: UTF8.self)) → \(problems)") }
            } catch {
                failures.append("\(String(decoding: request.prefix(160), as: UTF8.self)) → \(error)")
            }
            guard server.process.isRunning else {
                failures.append("the server died after \(String(decoding: request.prefix(160), as: UTF8.self))")
                break
            }
        }
        #expect(failures.isEmpty, "\(failures.count) bad answers, first: \(failures.prefix(3).joined(separator: "\n"))")
        // The generator reaches every kind of answer, pages included.
        #expect(Set(statuses.keys).isSuperset(of: [200, 400, 401, 404, 405]), "\(statuses)")
        #expect(server.process.isRunning)
        let after = try RawHTTP.exchange(
            Array("GET /v3/trades/CROX?timestamp=2024-03-15&limit=1 HTTP/1.1\r\nAuthorization: Bearer k\r\nConnection: close\r\n\r\n".utf8),
            port: server.port)
        #expect(after.status == 200)
        if let peak = server.peakResidentBytes { #expect(peak < Self.memoryBound, "peak resident memory \(peak) bytes") }
    }

    /// A second server on a port in use: one line naming the address and what to do, exit 1.
    @Test func portInUseIsOneLineError() async throws {
        let server = try ServeProcess.start()
        defer { server.stop() }
        let result = try await CommandRunner.run(["sim", "serve", "--port", String(server.port)])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(
            lines.first
                == "Error: cannot listen on 127.0.0.1:\(server.port): the port is already in use; stop the program using it or pick another --port (0 picks a free one)"
        )
        #expect(!result.stderr.contains("bind(") && !result.stderr.contains("errno"))
    }

    /// What is wrong with `response` to a `method` request, if anything: the status must be one the API
    /// gives, and the body Polygon's JSON — a page on a 200 (with `results`, which aggregates leave out
    /// when there are none, as Polygon does), an error body otherwise.
    static func problems(_ response: RawHTTP.Response, method: String) -> [String] {
        var problems: [String] = []
        guard [200, 400, 401, 404, 405].contains(response.status) else { return ["status \(response.status)"] }
        if method == "HEAD", response.body.isEmpty { return [] }  // a HEAD answer has no body
        if response.headers["content-type"] != "application/json" { problems.append("content-type \(response.headers["content-type"] ?? "none")") }
        guard let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            return problems + ["body is not a JSON object: \(String(decoding: response.body.prefix(120), as: UTF8.self))"]
        }
        let requestID = json["request_id"] as? String ?? ""
        if requestID.count != 32 || !requestID.allSatisfy(\.isHexDigit) { problems.append("request_id \(requestID)") }
        if response.status == 200 {
            if json["status"] as? String != "OK" { problems.append("status field \(json["status"] ?? "none") on a 200") }
            if !(json["results"] is [Any]), json["resultsCount"] as? Int != 0 { problems.append("no results array on a 200") }
        } else {
            let keys = json.keys.sorted()
            switch json["status"] as? String {
            case "ERROR": if keys != ["error", "request_id", "status"] { problems.append("error body keys \(keys)") }
            case "NOT_FOUND": if keys != ["message", "request_id", "status"] { problems.append("not-found body keys \(keys)") }
            default: problems.append("status field \(json["status"] ?? "none") on a \(response.status)")
            }
        }
        return problems
    }
}

/// Hostile HTTP requests from a seeded generator: mostly the API's own endpoints with parameters drawn
/// from lists of edge values (far years, the ends of 64-bit integers, bad limits, cursors that were never
/// issued), and otherwise other methods, random path segments, random bytes and mutations of good
/// requests. Every request is complete (it ends with an empty line and has no body), so the server owes
/// an answer to each. Valid ones name illiquid symbols and bounded windows, so each costs milliseconds.
struct RequestGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// The symbols valid requests name: ones the simulator makes illiquid, so that a day is cheap.
    static let tickers: [String] = ["CROX", "ZZZT", "QXR", "BLRB", "WMK", "TTFN", "ABCD", "XKCD", "FUZZ", "NOPE"].filter {
        MarketSimulator(seed: 3).profile(for: try! Symbol($0)) == .illiquid
    }
    static let badTickers = ["", "spy", "A..B", "X.", "TOOLONGTICKER", "%41", "%C3%84B", "1AB", "A%20B", "%FF", "😀", "A/B"]
    static let dates = [
        "2024-03-15", "2024-03-16", "2024-03-18", "2000-01-03", "2035-12-31", "1999-12-31", "2036-01-02", "1678-01-01",
        "1677-12-31", "2261-12-31", "2262-01-01", "9999-12-31", "0001-01-01", "1600-03-15", "2024-02-30", "2024-13-01",
        "20240315", "2024-3-15",
    ]
    static let nanoseconds = [
        "-9223372036854775808", "9223372036854775807", "0", "-1", "1710511200000000000", "1710513000000000000",
        "99999999999999999999", "1e18", "-0", "+5",
    ]
    static let instants = [
        "2024-03-15T14:00:00Z", "2024-03-15T10:00:00-04:00", "9999-12-31T00:00:00Z", "0001-01-01T00:00:00Z",
        "2024-03-15T25:00:00Z", "2024-03-15T14:00:00.1234567891Z", "2262-04-12T00:00:00Z", "1677-09-21T00:00:00Z",
    ]
    static let milliseconds = ["1710511200000", "1710513000000", "9223372036854775807", "-9223372036854775808", "-1", "0", "99999999999999"]
    static let limits = ["1", "2", "5", "10", "100", "1000", "0", "-1", "50001", "abc", "99999999999999999999", ""]
    static let garbage = ["", "yesterday", "%00", "%FF%FE", "null", "[]", "{}", "%22", "a%26b=c", "+", "%", "%G0"]
    static let cursors = [
        "", "!!", "AAAA", "YWZ0ZXI9OTIyMzM3MjAzNjg1NDc3NTgwNzox", "bGltaXQ9MiZzb3J0PWFzYw",
        "YWZ0ZXI9OTIyMzM3MjAzNjg1NDc3NTgwNyUzQTEmbGltaXQ9NSZvcmRlcj1kZXNjJnRpbWVzdGFtcC5ndGU9MCZ0aW1lc3RhbXAubHQ9OTIyMzM3MjAzNjg1NDc3NTgwNw",
        "b2Zmc2V0PTk5OTk5OTk5OTk5OTk5OTk5OTk5JmxpbWl0PTEw", "%FF",
    ]

    private mutating func random() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(random() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick(_ values: [String]) -> String { values[below(values.count)] }

    private mutating func ticker() -> String { chance(85) ? pick(Self.tickers) : pick(Self.badTickers) }

    private mutating func time() -> String {
        switch below(10) {
        case 0..<5: pick(Self.dates)
        case 5..<7: pick(Self.nanoseconds)
        case 7..<9: pick(Self.instants)
        default: pick(Self.garbage)
        }
    }

    private mutating func aggregateBound() -> String {
        switch below(10) {
        case 0..<6: pick(Self.dates)
        case 6..<9: pick(Self.milliseconds)
        default: pick(Self.garbage + Self.instants)
        }
    }

    private mutating func limit() -> String { chance(80) ? pick(Array(Self.limits.prefix(5))) : pick(Self.limits) }

    /// A query from `names` with values from the pools, sometimes repeated, empty or broken.
    private mutating func query(_ names: [String]) -> String {
        var pairs: [String] = []
        for name in names where chance(40) {
            let value: String
            switch name {
            case "limit": value = limit()
            case "cursor":
                guard chance(25) else { continue }
                value = pick(Self.cursors)
            case "order", "sort": value = pick(["asc", "desc", "timestamp", "price", "id", "name", "", "ASC"])
            case "adjusted": value = pick(["true", "false", "maybe", ""])
            case "asset_class": value = pick(["stocks", "options", "crypto", "fx", "bonds"])
            case "data_type": value = pick(["trade", "bbo", "nbbo", "quote"])
            case "sip": value = pick(["CTA", "UTP", "OPRA", "X"])
            case "id": value = pick(["1", "12", "-1", "2147483648", "x"])
            default: value = time()
            }
            pairs.append(chance(95) ? "\(name)=\(value)" : name)
        }
        if chance(10) { pairs.append("\(pick(["apiKey", "x", "limit", "timestamp"]))=\(pick(Self.garbage))") }
        if chance(5) { pairs.append("") }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    /// A well-formed endpoint request: a day or two, a small limit, either order.
    private mutating func goodTarget() -> String {
        let day = pick(["2024-03-15", "2024-03-18", "2024-03-16", "2001-09-11", "2035-12-31", "2000-01-03", "1999-12-31"])
        switch below(3) {
        case 0:
            return
                "/v3/\(pick(["trades", "quotes"]))/\(pick(Self.tickers))?timestamp=\(day)&limit=\(pick(["1", "7", "100", "1000"]))&order=\(pick(["asc", "desc"]))"
        case 1:
            let timespan = pick(["1/minute", "5/minute", "30/minute", "1/hour", "1/day"])
            let to = chance(80) ? day : "2024-04-30"
            return "/v2/aggs/ticker/\(pick(Self.tickers))/range/\(timespan)/\(day)/\(to)?limit=\(pick(["3", "100", "5000"]))&sort=\(pick(["asc", "desc"]))"
        default:
            return "/v3/reference/conditions?limit=\(pick(["1", "10", "1000"]))&sort=\(pick(["id", "name"]))"
        }
    }

    /// A request target: an endpoint with parameters, random segments, random bytes, or a mutation.
    private mutating func target() -> [UInt8] {
        if chance(30) { return Array(goodTarget().utf8) }
        switch below(100) {
        case 0..<35:
            let kind = pick(["trades", "quotes"])
            // Valid windows are one day or less, so a page is cheap even at limit 1000.
            var names = ["limit", "order", "sort", "cursor"]
            names += chance(70) ? ["timestamp"] : ["timestamp.gte", "timestamp.gt", "timestamp.lte", "timestamp.lt"]
            return Array("/v3/\(kind)/\(ticker())\(query(names))".utf8)
        case 35..<60:
            let multiplier = chance(80) ? pick(["1", "5", "15", "30"]) : pick(["60", "0", "-1", "7", "x", "9223372036854775807", ""])
            let timespan = chance(85) ? pick(["minute", "hour", "day"]) : pick(["week", "month", "", "DAY", "minutes"])
            let from = aggregateBound()
            let to = chance(70) ? from : aggregateBound()
            return Array("/v2/aggs/ticker/\(ticker())/range/\(multiplier)/\(timespan)/\(from)/\(to)\(query(["limit", "sort", "adjusted", "cursor"]))".utf8)
        case 60..<70:
            return Array("/v3/reference/conditions\(query(["asset_class", "data_type", "id", "sip", "limit", "order", "sort", "cursor"]))".utf8)
        case 70..<80:
            let segments = [
                "", "v1", "v2", "v3", "trades", "quotes", "aggs", "ticker", "range", "reference", "conditions", "..", "%2e%2e", "%00", "%ff", "😀", "CROX",
            ]
            return Array(("/" + (0..<below(7)).map { _ in pick(segments) }.joined(separator: "/")).utf8)
        case 80..<90:
            // Raw bytes: printable ASCII and bytes that are not UTF-8, never a space, CR or LF.
            var bytes: [UInt8] = [UInt8(ascii: "/")]
            for _ in 0..<(1 + below(40)) { bytes.append(chance(70) ? UInt8(0x21 + below(0x5E)) : UInt8(0x80 + below(0x80))) }
            return bytes
        default:
            var bytes = Array("/v3/trades/\(pick(Self.tickers))?timestamp=2024-03-15&limit=5".utf8)
            for _ in 0..<(1 + below(4)) {
                let position = below(bytes.count + 1)
                let byte = UInt8(0x21 + below(0xDF))
                if chance(50), position < bytes.count { bytes[position] = byte } else { bytes.insert(byte, at: position) }
            }
            return bytes.filter { $0 != 0x20 && $0 != 0x0D && $0 != 0x0A }
        }
    }

    /// The next request: its method and bytes.
    mutating func next() -> (method: String, bytes: [UInt8]) {
        let method = chance(85) ? "GET" : pick(["POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD", "TRACE", "get", "G3T", "BREW"])
        var request = Array("\(method) ".utf8) + target() + Array(" HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8)
        switch below(20) {
        case 0: break  // no key: a 401
        case 1: request += Array("Authorization: Bearer \r\n".utf8)
        case 2: request += Array("Authorization: Basic Zm9vOmJhcg==\r\n".utf8)
        default: request += Array("Authorization: Bearer fuzz-key-\(below(4))\r\n".utf8)
        }
        if chance(10) { request += Array("Accept-Encoding: gzip\r\n".utf8) }
        if chance(5) {
            // A header of random bytes (which the parser may refuse), never CR or LF.
            var line = Array("X-\(below(100)): ".utf8)
            for _ in 0..<(1 + below(20)) { line.append(UInt8(0x09 + below(0xF7))) }
            request += line.filter { $0 != 0x0D && $0 != 0x0A } + [13, 10]
        }
        request += Array("Connection: close\r\n\r\n".utf8)
        return (method, request)
    }
}
#endif
