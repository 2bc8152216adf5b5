/// A JSON document as a tree of tokens: every string, number and literal is kept as its exact bytes, so
/// re-emitting it never changes a digit.
///
/// This is what lets ``RealShape`` re-indent and reorder the server's pages without parsing a number:
/// going through `Double` (or Foundation's `JSONSerialization`, which rounds some doubles on Linux) could
/// change the very bytes the client is meant to read back bit for bit.
indirect enum RawJSON: Sendable {
    /// Members in document order; each key is the raw string token, quotes included.
    case object([Member])
    case array([RawJSON])
    /// A string (quotes included), number, `true`, `false` or `null`, byte for byte: a slice of the parsed
    /// bytes, so that parsing a page of 50,000 records copies no token.
    case atom(ArraySlice<UInt8>)

    struct Member: Sendable {
        var key: ArraySlice<UInt8>
        var value: RawJSON

        init(key: ArraySlice<UInt8>, value: RawJSON) {
            self.key = key
            self.value = value
        }

        /// A member whose key is `name` (plain ASCII, no escapes needed).
        init(_ name: String, _ value: RawJSON) {
            self.init(key: ArraySlice("\"\(name)\"".utf8), value: value)
        }
    }

    /// `text` as an atom: a number, a literal or an already quoted string.
    static func atom(_ text: String) -> RawJSON { .atom(ArraySlice(text.utf8)) }
}

/// Why bytes did not parse as JSON; the server only parses its own output, so this is a bug report.
package struct RawJSONError: Error, Sendable, CustomStringConvertible {
    var offset: Int
    var expected: String

    package var description: String { "internal error: the server's own JSON does not parse at byte \(offset) (expected \(expected))" }
}

extension RawJSON {
    /// Parses one JSON value filling all of `bytes` (whitespace around it allowed).
    static func parse(_ bytes: [UInt8]) throws(RawJSONError) -> RawJSON {
        var parser = RawJSONParser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.offset == bytes.count else { throw RawJSONError(offset: parser.offset, expected: "end of input") }
        return value
    }
}

/// A small recursive-descent parser that checks structure and copies token bytes; it does not validate
/// escapes or number grammar beyond finding where each token ends.
private struct RawJSONParser {
    let bytes: [UInt8]
    var offset = 0

    static let maximumDepth = 64

    var current: UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    mutating func skipWhitespace() {
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x0A || bytes[offset] == 0x0D || bytes[offset] == 0x09 {
            offset += 1
        }
    }

    mutating func value(depth: Int) throws(RawJSONError) -> RawJSON {
        skipWhitespace()
        guard depth < Self.maximumDepth else { throw RawJSONError(offset: offset, expected: "shallower nesting") }
        switch current {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .atom(try string())
        default: return .atom(try scalar())
        }
    }

    private mutating func object(depth: Int) throws(RawJSONError) -> RawJSON {
        offset += 1
        var members: [RawJSON.Member] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw RawJSONError(offset: offset, expected: "a member name") }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw RawJSONError(offset: offset, expected: "':'") }
            offset += 1
            members.append(RawJSON.Member(key: key, value: try value(depth: depth + 1)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                return .object(members)
            default: throw RawJSONError(offset: offset, expected: "',' or '}'")
            }
        }
    }

    private mutating func array(depth: Int) throws(RawJSONError) -> RawJSON {
        offset += 1
        var elements: [RawJSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return .array(elements)
        }
        while true {
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                return .array(elements)
            default: throw RawJSONError(offset: offset, expected: "',' or ']'")
            }
        }
    }

    /// A string token, quotes included.
    private mutating func string() throws(RawJSONError) -> ArraySlice<UInt8> {
        let start = offset
        offset += 1
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\\"): offset += 2
            case UInt8(ascii: "\""):
                offset += 1
                return bytes[start..<offset]
            default: offset += 1
            }
        }
        throw RawJSONError(offset: start, expected: "a closing '\"'")
    }

    /// A number or literal: the run of bytes up to the next delimiter.
    private mutating func scalar() throws(RawJSONError) -> ArraySlice<UInt8> {
        let start = offset
        while offset < bytes.count, !Self.endsScalar(bytes[offset]) { offset += 1 }
        guard offset > start else { throw RawJSONError(offset: start, expected: "a value") }
        return bytes[start..<offset]
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: true
        default: false
        }
    }
}
