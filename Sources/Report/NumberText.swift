/// Fixed, locale-free spelling of numbers for the report: the same double always gives the same
/// characters, on every platform (no `String(format:)`, no locale, no exponent).
package enum NumberText {
    /// `value` rounded to `decimals` places (half away from zero), trailing zeros and a bare point
    /// dropped: `fixed(557.9512, 2)` is `557.95`, `fixed(2.0, 3)` is `2`. Values too large for exact
    /// fixed-point arithmetic fall back to Swift's shortest round-trip spelling.
    package static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "null" }
        let places = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9.0e15 else { return value.description }
        let integer = Int64(scaled)
        if integer == 0 { return "0" }
        let negative = integer < 0
        var digits = String(integer.magnitude)
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            let point = digits.index(digits.endIndex, offsetBy: -places)
            var fraction = String(digits[point...])
            while fraction.hasSuffix("0") { fraction.removeLast() }
            digits = String(digits[..<point]) + (fraction.isEmpty ? "" : "." + fraction)
        }
        return (negative ? "-" : "") + digits
    }

    /// About `significant` significant digits in fixed notation (never an exponent): `557.951234` with
    /// 6 is `557.951`, `0.000123456` is `0.000123456`. Deterministic: decimals come from integer
    /// comparisons, not from a logarithm.
    package static func significant(_ value: Double, _ significant: Int = 6) -> String {
        guard value.isFinite else { return "null" }
        let magnitude = abs(value)
        var integerDigits = 1
        var bound = 10.0
        while magnitude >= bound, integerDigits < 20 {
            integerDigits += 1
            bound *= 10
        }
        var decimals = magnitude < 1 ? significant : max(0, significant - integerDigits)
        if magnitude < 1, magnitude > 0 {
            var threshold = 0.1
            while magnitude < threshold, decimals < 9 {
                decimals += 1
                threshold /= 10
            }
        }
        return fixed(value, decimals)
    }

    /// The value for a table or a sentence, `–` when undefined.
    package static func display(_ value: Double?) -> String {
        guard let value else { return "–" }
        return significant(value)
    }
}
