import MarketData

/// The real API's ways of spelling a response that TapeDeck's canonical encoder never uses, applied by
/// ``ResponseShape/real`` so that clients are tested against them.
///
/// Everything here is a pure function of the request and the page, never of the clock or a random seed,
/// so a real-shapes server still serves the same bytes for the same request.
package enum RealShape {
    /// The host of every `next_url` (unless ``ServerConfiguration/publicBaseURL`` is set): Massive's API,
    /// as the real server writes it. A client must keep its own base URL and take only the path and query,
    /// as Polygon's Python client does.
    package static let nextURLBase = "https://api.massive.com"

    // MARK: Body

    /// `page` (compact JSON from `WireEncoder`) spelled the way a real server might:
    /// - pretty-printed, two spaces per level, `": "` between a key and its value;
    /// - every object's keys in the reverse of their order in `page`;
    /// - on the envelope, `count` (the number of results, when `page` has none) and an unknown `x_extra`
    ///   object; on each element of `results`, an unknown `x_meta` object and an unknown `x_history` array.
    ///
    /// Strings, numbers and literals are copied token for token (see ``RawJSON``), so every value reads
    /// back to the same bits. A body that is not an object (never the case for a page) is re-indented only.
    package static func reshape(_ page: [UInt8]) throws(RawJSONError) -> [UInt8] {
        var tree = try RawJSON.parse(page)
        if case .object(let members) = tree {
            tree = .object(envelope(members))
        }
        var output: [UInt8] = []
        output.reserveCapacity(page.count * 3)
        write(tree, depth: 0, into: &output)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    private static func envelope(_ members: [RawJSON.Member]) -> [RawJSON.Member] {
        var reshaped: [RawJSON.Member] = []
        var resultsCount = 0
        for member in members.reversed() {
            guard member.key.elementsEqual("\"results\"".utf8), case .array(let records) = member.value else {
                reshaped.append(RawJSON.Member(key: member.key, value: reversedKeys(member.value)))
                continue
            }
            resultsCount = records.count
            reshaped.append(RawJSON.Member(key: member.key, value: .array(records.map(record))))
        }
        if !members.contains(where: { $0.key.elementsEqual("\"count\"".utf8) }) {
            reshaped.insert(RawJSON.Member("count", .atom(String(resultsCount))), at: min(1, reshaped.count))
        }
        reshaped.insert(extraMember, at: reshaped.count / 2)
        return reshaped
    }

    /// One record: keys reversed (nested objects too), plus two unknown members.
    private static func record(_ value: RawJSON) -> RawJSON {
        guard case .object = value, case .object(var members) = reversedKeys(value) else { return value }
        members.insert(metaMember, at: 0)
        members.insert(historyMember, at: members.count / 2)
        return .object(members)
    }

    /// `value` with the members of every object, at every depth, in reverse order.
    private static func reversedKeys(_ value: RawJSON) -> RawJSON {
        switch value {
        case .atom: value
        case .array(let elements): .array(elements.map(reversedKeys))
        case .object(let members):
            .object(members.reversed().map { RawJSON.Member(key: $0.key, value: reversedKeys($0.value)) })
        }
    }

    /// An unknown envelope member, nesting every JSON type: clients must skip it whole.
    private static let extraMember = RawJSON.Member(
        "x_extra",
        .object([
            RawJSON.Member("source", .atom("\"tapedeck-simulator\"")),
            RawJSON.Member("limits", .object([RawJSON.Member("max", .atom("50000")), RawJSON.Member("ratio", .atom("2.5e-3"))])),
            RawJSON.Member("tags", .array([.atom("\"a\\\"b\""), .atom("-1"), .atom("true"), .atom("null"), .array([]), .object([])])),
        ]))

    /// An unknown object on every record.
    private static let metaMember = RawJSON.Member(
        "x_meta",
        .object([
            RawJSON.Member("origin", .object([RawJSON.Member("feed", .atom("\"sim\"")), RawJSON.Member("lag_ns", .atom("0"))])),
            RawJSON.Member("flags", .array([.atom("1"), .atom("2.75"), .atom("false")])),
        ]))

    /// An unknown array on every record.
    private static let historyMember = RawJSON.Member(
        "x_history",
        .array([.object([RawJSON.Member("k", .atom("1E+2"))]), .array([.atom("null")]), .atom("\"\\u00e9\"")]))

    // MARK: Pretty printing

    private static func write(_ value: RawJSON, depth: Int, into output: inout [UInt8]) {
        switch value {
        case .atom(let bytes):
            output.append(contentsOf: bytes)
        case .array(let elements):
            guard !elements.isEmpty else {
                output.append(UInt8(ascii: "["))
                output.append(UInt8(ascii: "]"))
                return
            }
            output.append(UInt8(ascii: "["))
            for index in elements.indices {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth + 1, into: &output)
                write(elements[index], depth: depth + 1, into: &output)
            }
            newline(depth, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output.append(UInt8(ascii: "{"))
                output.append(UInt8(ascii: "}"))
                return
            }
            output.append(UInt8(ascii: "{"))
            for index in members.indices {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth + 1, into: &output)
                output.append(contentsOf: members[index].key)
                output.append(UInt8(ascii: ":"))
                output.append(UInt8(ascii: " "))
                write(members[index].value, depth: depth + 1, into: &output)
            }
            newline(depth, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A line break and two spaces per level.
    private static func newline(_ depth: Int, into output: inout [UInt8]) {
        if depth < indentation.count {
            output.append(contentsOf: indentation[depth])
        } else {
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: 2 * depth))
        }
    }

    /// `"\n"` and 2 × depth spaces for the depths pages have (`RawJSON` parses at most 64 levels).
    private static let indentation: [[UInt8]] = (0..<64).map { [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 2 * $0) }

    // MARK: Records

    /// Reverses every run of records sharing one SIP timestamp, so that ties come in another order than
    /// their sequence numbers, as on real pages (sorted by timestamp only). Runs never cross the page.
    package static func shuffleTies<Record>(_ records: inout [Record], time: (Record) -> Int64) {
        var start = 0
        while start < records.count {
            var end = start + 1
            while end < records.count, time(records[end]) == time(records[start]) { end += 1 }
            if end - start > 1 { records[start..<end].reverse() }
            start = end
        }
    }

    // MARK: Transfer

    /// Whether an `Accept-Encoding` header admits gzip: `gzip` (or `x-gzip`, or `*` when gzip is not
    /// named) with a quality above zero.
    package static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var wildcard = false
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let coding = parts.first?.trimmingBlanks().lowercased() else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingBlanks().split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].lowercased() == "q", let value = Double(pair[1]) { quality = value }
            }
            if coding == "gzip" || coding == "x-gzip" { return quality > 0 }
            if coding == "*" { wildcard = quality > 0 }
        }
        return wildcard
    }

    /// Whether the response to `canonicalRequest` is sent chunked (no `Content-Length`) rather than with
    /// a `Content-Length`: one bit of the request's stable hash, so successive pages alternate between the
    /// two at random-looking but fixed places.
    package static func isChunked(_ canonicalRequest: String) -> Bool {
        StableHash.fnv1a64(canonicalRequest) & 1 == 1
    }

    /// `bytes` cut into up to three chunks (so a chunked body really arrives in pieces).
    package static func chunks(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        let size = max(1, (bytes.count + 2) / 3)
        return stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min(bytes.count, $0 + size)] }
    }
}

extension Substring {
    /// The text without leading or trailing spaces and tabs (HTTP's optional whitespace).
    fileprivate func trimmingBlanks() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
