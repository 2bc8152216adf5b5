import MarketData

extension JSONReader {
    /// A number as a correctly rounded `Double`.
    ///
    /// A mantissa up to 2^53 (about 15 digits) with a decimal exponent within ±22 (every price and size
    /// Polygon sends) is converted exactly: both it and the power of ten are exact doubles, so one IEEE
    /// multiplication or division rounds correctly (Clinger's fast path). Anything else goes through
    /// Swift's `Double(String)`, which is correctly rounded too.
    mutating func double(_ field: StaticString) throws(TapeDeckError) -> Double {
        skipWhitespace()
        guard current == UInt8(ascii: "-") || (current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9")) else {
            throw typeFailure(expected: "a number", field: field)
        }
        let token = try number()
        if let value = JSONReader.exactDouble(token) { return value }
        guard let value = Double(text(of: token)), value.isFinite else {
            throw JSONReader.outOfRange(token, "a finite double", field: field)
        }
        return value
    }

    /// A number or `null`.
    mutating func optionalDouble(_ field: StaticString) throws(TapeDeckError) -> Double? {
        if null() { return nil }
        return try double(field)
    }

    /// An integer, exact over the whole `Int64` range (nanosecond timestamps exceed 2^53).
    ///
    /// Integral values written with a fraction or exponent (`10.0`, `1e3`) are accepted up to 2^53, as a
    /// server that stores numbers as doubles would send them.
    mutating func int64(_ field: StaticString) throws(TapeDeckError) -> Int64 {
        skipWhitespace()
        guard current == UInt8(ascii: "-") || (current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9")) else {
            throw typeFailure(expected: "an integer", field: field)
        }
        let token = try number()
        if token.isInteger && !token.isTruncated {
            // Up to 19 digits fit a UInt64; the exponent is the count of dropped zeros, 0 here.
            if token.isNegative {
                if token.mantissa <= UInt64(Int64.max) + 1 { return Int64(truncatingIfNeeded: 0 &- token.mantissa) }
            } else if token.mantissa <= UInt64(Int64.max) {
                return Int64(token.mantissa)
            }
            throw JSONReader.outOfRange(token, "a 64-bit integer", field: field)
        }
        let value = JSONReader.exactDouble(token) ?? Double(text(of: token)) ?? .nan
        guard value.rounded() == value, value.magnitude <= 9_007_199_254_740_992 else {
            throw JSONReader.outOfRange(token, "an integer", field: field)
        }
        return Int64(value)
    }

    mutating func optionalInt64(_ field: StaticString) throws(TapeDeckError) -> Int64? {
        if null() { return nil }
        return try int64(field)
    }

    /// An integer that fits `Int` (exchange ids, counts).
    mutating func int(_ field: StaticString) throws(TapeDeckError) -> Int {
        Int(try int64(field))
    }

    mutating func optionalInt(_ field: StaticString) throws(TapeDeckError) -> Int? {
        if null() { return nil }
        return try int(field)
    }

    /// An array of `Int32` codes (`conditions`, `indicators`), or `nil` for `null`.
    mutating func codes(_ field: StaticString) throws(TapeDeckError) -> ConditionCodes? {
        if null() { return nil }
        guard current == UInt8(ascii: "[") else { throw typeFailure(expected: "an array of integers", field: field) }
        var codes = ConditionCodes()
        if try beginArray() {
            repeat {
                skipWhitespace()
                let start = offset
                let value = try int64(field)
                guard let code = Int32(exactly: value) else {
                    throw TapeDeckError.malformedJSON(at: start, "\"\(field)\" code \(value) is out of range for Int32")
                }
                codes.append(code)
            } while try nextElement()
        }
        return codes
    }

    /// `mantissa × 10^exponent` when that is computed exactly by one correctly rounded operation.
    @inline(__always)
    static func exactDouble(_ token: NumberToken) -> Double? {
        guard !token.isTruncated, token.mantissa <= 1 << 53, token.exponent >= -22, token.exponent <= 22 else {
            return nil
        }
        var value = Double(token.mantissa)
        if token.exponent < 0 {
            value /= powersOfTen[-token.exponent]
        } else if token.exponent > 0 {
            value *= powersOfTen[token.exponent]
        }
        return token.isNegative ? -value : value
    }

    /// 1e0 … 1e22, every one an exact double.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    private static func outOfRange(_ token: NumberToken, _ what: String, field: StaticString) -> TapeDeckError {
        .malformedJSON(at: token.start, "expected \(what) for \"\(field)\", found a number out of range")
    }
}
