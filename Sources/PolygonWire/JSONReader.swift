import MarketData

/// A forward-only JSON reader over bytes: the building blocks the page decoders are made of.
///
/// It never builds a document tree. Callers walk the structure they expect (`beginObject`, `key`,
/// `double`, …) and skip anything else with ``skipValue()``. Every error is a
/// ``TapeDeckError/Code/malformedJSON`` naming the byte offset and what was expected there. An object that
/// names a member twice is such an error too, wherever it is (see ``MemberNames``).
struct JSONReader {
    private let base: UnsafePointer<UInt8>
    private let end: Int
    /// Offset of the next unread byte.
    private(set) var offset = 0

    /// Deeper nesting than this inside skipped values is rejected rather than risking the stack.
    static let maximumDepth = 512

    /// `bytes` must stay valid while the reader is used; an empty buffer reads as end of input.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        base = bytes.baseAddress ?? JSONReader.emptyInput
        end = bytes.count
    }

    nonisolated(unsafe) private static let emptyInput: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    var isAtEnd: Bool { offset >= end }

    /// The next byte, or 0 at the end (0 is never valid outside a string, so it always ends a scan).
    @inline(__always)
    var current: UInt8 { offset < end ? base[offset] : 0 }

    @inline(__always)
    mutating func skipWhitespace() {
        while offset < end {
            switch base[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    // MARK: Errors

    /// `expected <what>, found <the byte at the current offset>`.
    func failure(expected what: String) -> TapeDeckError {
        .malformedJSON(at: offset, "expected \(what), found \(foundByte)")
    }

    /// `expected <what> for "<field>", found a string` — for a value of the wrong JSON type.
    func typeFailure(expected what: String, field: StaticString) -> TapeDeckError {
        .malformedJSON(at: offset, "expected \(what) for \"\(field)\", found \(foundValue)")
    }

    private var foundByte: String {
        guard offset < end else { return "end of input" }
        let value = base[offset]
        if value >= 0x20 && value < 0x7F {
            return "'\(Character(Unicode.Scalar(value)))'"
        }
        let hex = String(value, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
    }

    private var foundValue: String {
        switch current {
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): "a number"
        default: foundByte
        }
    }

    // MARK: Structure

    /// Consumes `byte` (after whitespace) or fails expecting `what`.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(TapeDeckError) {
        skipWhitespace()
        guard current == byte else { throw failure(expected: what()) }
        offset += 1
    }

    /// Consumes `{`; returns whether the object has members (if not, its `}` is consumed too).
    mutating func beginObject(_ what: @autoclosure () -> String = "'{'") throws(TapeDeckError) -> Bool {
        skipWhitespace()
        guard current == UInt8(ascii: "{") else { throw failure(expected: what()) }
        offset += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return false
        }
        return true
    }

    /// After a member's value: consumes `,` and returns true, or consumes `}` and returns false.
    @inline(__always)
    mutating func nextMember() throws(TapeDeckError) -> Bool {
        skipWhitespace()
        switch current {
        case UInt8(ascii: ","):
            offset += 1
            return true
        case UInt8(ascii: "}"):
            offset += 1
            return false
        default:
            throw failure(expected: "',' or '}' after an object member")
        }
    }

    /// Consumes `[`; returns whether the array has elements (if not, its `]` is consumed too).
    mutating func beginArray(_ what: @autoclosure () -> String = "'['") throws(TapeDeckError) -> Bool {
        skipWhitespace()
        guard current == UInt8(ascii: "[") else { throw failure(expected: what()) }
        offset += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return false
        }
        return true
    }

    /// After an element: consumes `,` and returns true, or consumes `]` and returns false.
    @inline(__always)
    mutating func nextElement() throws(TapeDeckError) -> Bool {
        skipWhitespace()
        switch current {
        case UInt8(ascii: ","):
            offset += 1
            return true
        case UInt8(ascii: "]"):
            offset += 1
            return false
        default:
            throw failure(expected: "',' or ']' after an array element")
        }
    }

    /// A member name and its `:`, ready for the value.
    mutating func key() throws(TapeDeckError) -> JSONKey {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw failure(expected: "'\"' starting a member name") }
        let start = offset + 1
        let scan = try scanString()
        let key: JSONKey
        if scan.hasEscapes {
            offset = start - 1
            key = .decoded(Array(try string().utf8))
        } else {
            key = .span(UnsafeBufferPointer(start: base + start, count: scan.end - start))
            offset = scan.end + 1
        }
        try expect(UInt8(ascii: ":"), "':' after a member name")
        skipWhitespace()
        return key
    }

    /// Consumes `null` if it is next and says so; used for optional fields.
    @inline(__always)
    mutating func null() -> Bool {
        guard current == UInt8(ascii: "n"), offset + 4 <= end, base[offset + 1] == UInt8(ascii: "u"),
            base[offset + 2] == UInt8(ascii: "l"), base[offset + 3] == UInt8(ascii: "l")
        else { return false }
        offset += 4
        return true
    }

    /// `true` or `false`.
    mutating func bool(_ field: StaticString) throws(TapeDeckError) -> Bool {
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw typeFailure(expected: "true or false", field: field)
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= end else { return false }
        for index in 0..<count where base[offset + index] != literal.utf8Start[index] {
            return false
        }
        offset += count
        return true
    }

    /// Skips one value of any type, checking its syntax.
    mutating func skipValue(depth: Int = 0) throws(TapeDeckError) {
        skipWhitespace()
        guard depth < JSONReader.maximumDepth else {
            throw failure(expected: "nesting at most \(JSONReader.maximumDepth) levels deep")
        }
        switch current {
        case UInt8(ascii: "\""):
            let scan = try scanString()
            if scan.hasEscapes {
                _ = try string()
            } else {
                offset = scan.end + 1
            }
        case UInt8(ascii: "{"):
            if try beginObject() {
                var names = MemberNames()
                repeat {
                    skipWhitespace()
                    let keyOffset = offset
                    try once(try key(), in: &names, object: "an object", at: keyOffset)
                    try skipValue(depth: depth + 1)
                } while try nextMember()
            }
        case UInt8(ascii: "["):
            if try beginArray() {
                repeat {
                    try skipValue(depth: depth + 1)
                } while try nextElement()
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            guard matchLiteral("true") || matchLiteral("false") || matchLiteral("null") else {
                throw failure(expected: "true, false or null")
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try number()
        default:
            throw failure(expected: "a JSON value")
        }
    }

    // MARK: Strings

    /// A string value (escapes decoded, UTF-8 checked).
    mutating func string(_ field: StaticString) throws(TapeDeckError) -> String {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw typeFailure(expected: "a string", field: field) }
        return try string()
    }

    /// A trade id: a string, read without building one when it is a plain decimal (nearly always).
    mutating func tradeID(_ field: StaticString) throws(TapeDeckError) -> TradeID {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw typeFailure(expected: "a string", field: field) }
        let start = offset
        let scan = try scanString()
        if !scan.hasEscapes, scan.isASCII {
            offset = scan.end + 1
            return TradeID(utf8: UnsafeBufferPointer(start: base + start + 1, count: scan.end - start - 1))
        }
        offset = start
        return TradeID(try string())
    }

    /// A string value or `null`.
    mutating func optionalString(_ field: StaticString) throws(TapeDeckError) -> String? {
        if null() { return nil }
        return try string(field)
    }

    /// Where a string starting at `offset` (on its `"`) ends, and what kind of bytes it holds.
    private struct StringScan {
        /// Offset of the closing quote.
        var end: Int
        var hasEscapes: Bool
        var isASCII: Bool
    }

    /// Finds the closing quote, checking that no raw control character appears and escapes are complete.
    private mutating func scanString() throws(TapeDeckError) -> StringScan {
        var index = offset + 1
        var hasEscapes = false
        var high: UInt8 = 0
        while index < end {
            let value = base[index]
            if value == UInt8(ascii: "\"") {
                return StringScan(end: index, hasEscapes: hasEscapes, isASCII: high < 0x80)
            }
            if value == UInt8(ascii: "\\") {
                hasEscapes = true
                index += 2
                continue
            }
            if value < 0x20 {
                offset = index
                throw failure(expected: "'\"' ending the string (control characters must be escaped)")
            }
            high |= value
            index += 1
        }
        offset = end
        throw failure(expected: "'\"' ending the string")
    }

    /// Reads a string starting at its opening quote.
    private mutating func string() throws(TapeDeckError) -> String {
        let start = offset
        let scan = try scanString()
        let content = UnsafeBufferPointer(start: base + start + 1, count: scan.end - start - 1)
        if !scan.hasEscapes {
            offset = scan.end + 1
            if scan.isASCII { return String(decoding: content, as: UTF8.self) }
            guard let text = String(validating: content, as: UTF8.self) else {
                offset = start
                throw failure(expected: "a string of valid UTF-8")
            }
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(content.count)
        offset = start + 1
        while offset < scan.end {
            let value = base[offset]
            guard value == UInt8(ascii: "\\") else {
                bytes.append(value)
                offset += 1
                continue
            }
            offset += 1
            let escape = current
            offset += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hexQuad()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard current == UInt8(ascii: "\\"), offset + 1 < end, base[offset + 1] == UInt8(ascii: "u") else {
                        throw failure(expected: "'\\u' and a low surrogate after a high surrogate")
                    }
                    offset += 2
                    let low = try hexQuad()
                    guard low >= 0xDC00 && low < 0xE000 else {
                        offset -= 4
                        throw failure(expected: "a low surrogate (DC00-DFFF)")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    offset -= 4
                    throw failure(expected: "a high surrogate before a low one")
                }
                bytes.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default:
                offset -= 1
                throw failure(expected: "an escape: one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
            }
        }
        offset = scan.end + 1
        guard let text = String(validating: bytes, as: UTF8.self) else {
            offset = start
            throw failure(expected: "a string of valid UTF-8")
        }
        return text
    }

    /// Four hex digits of a `\u` escape.
    private mutating func hexQuad() throws(TapeDeckError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let digit: UInt32
            switch current {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(current - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(current - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(current - UInt8(ascii: "A") + 10)
            default: throw failure(expected: "four hex digits after '\\u'")
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    // MARK: Numbers

    /// The raw text of the number token `number` describes.
    func text(of number: NumberToken) -> String {
        String(decoding: UnsafeBufferPointer(start: base + number.start, count: number.end - number.start), as: UTF8.self)
    }

    /// Scans a number per RFC 8259 (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`), collecting up
    /// to 19 significant digits as an exact integer mantissa.
    mutating func number() throws(TapeDeckError) -> NumberToken {
        var token = NumberToken(start: offset)
        if current == UInt8(ascii: "-") {
            token.isNegative = true
            offset += 1
        }
        guard current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9") else {
            throw failure(expected: token.isNegative ? "a digit after '-'" : "a number")
        }
        if current == UInt8(ascii: "0") {
            offset += 1
            if current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9") {
                throw failure(expected: "no leading zero in a number ('.', 'e' or the end of the number)")
            }
        } else {
            digits(into: &token, fractional: false)
        }
        if current == UInt8(ascii: ".") {
            token.isInteger = false
            offset += 1
            guard current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9") else {
                throw failure(expected: "a digit after '.'")
            }
            digits(into: &token, fractional: true)
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            token.isInteger = false
            offset += 1
            var negative = false
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                negative = current == UInt8(ascii: "-")
                offset += 1
            }
            guard current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9") else {
                throw failure(expected: "a digit in the exponent")
            }
            var exponent = 0
            while current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9") {
                if exponent < 100_000 { exponent = exponent * 10 + Int(current - UInt8(ascii: "0")) }
                offset += 1
            }
            token.exponent += negative ? -exponent : exponent
        }
        token.end = offset
        return token
    }

    @inline(__always)
    private mutating func digits(into token: inout NumberToken, fractional: Bool) {
        while offset < end {
            let digit = base[offset] &- UInt8(ascii: "0")
            guard digit < 10 else { return }
            offset += 1
            if token.significantDigits == 0 && digit == 0 {
                if fractional { token.exponent -= 1 }
                continue
            }
            if token.significantDigits < 19 {
                token.mantissa = token.mantissa &* 10 &+ UInt64(digit)
                token.significantDigits += 1
                if fractional { token.exponent -= 1 }
            } else {
                token.isTruncated = true
                if !fractional { token.exponent += 1 }
            }
        }
    }
}

/// A member name: a span of the input, or its decoded bytes when it contained escapes.
enum JSONKey {
    case span(UnsafeBufferPointer<UInt8>)
    case decoded([UInt8])

    @inline(__always)
    static func == (key: JSONKey, name: StaticString) -> Bool {
        switch key {
        case .span(let bytes): JSONKey.equal(bytes, name)
        case .decoded(let bytes): bytes.withUnsafeBufferPointer { JSONKey.equal($0, name) }
        }
    }

    @inline(__always)
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard bytes.count == count else { return false }
        let literal = name.utf8Start
        for index in 0..<count where bytes[index] != literal[index] {
            return false
        }
        return true
    }
}

/// A scanned number: where it is, and its value as `mantissa × 10^exponent` when that is exact.
struct NumberToken {
    var start: Int
    var end = 0
    var isNegative = false
    /// No fraction and no exponent in the text.
    var isInteger = true
    /// The first (up to) 19 significant digits.
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var exponent = 0
    /// More than 19 significant digits: `mantissa × 10^exponent` is not the exact value.
    var isTruncated = false

    init(start: Int) {
        self.start = start
    }
}
