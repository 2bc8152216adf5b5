/// How a double with an integral value is spelled: Polygon prints trade sizes bare (`"size": 10`) but
/// aggregate values as floats (`"v": 642646396.0`).
package enum IntegralSpelling {
    /// `10`
    case bare
    /// `10.0`
    case pointZero
}

extension ByteWriter {
    /// A finite double in its shortest round-trip spelling, `null` for NaN and infinities.
    ///
    /// The spelling is that of Swift's `description` (the shortest digits that parse back to the same
    /// bits; decimal notation for 1e-4 ≤ |x| < 1e16, exponent notation such as `1e-05` or `1e+16`
    /// outside), except that an integral value drops its `.0` when `integral` is ``IntegralSpelling/bare``.
    /// Negative zero is always `-0.0`, so that every JSON parser keeps its sign.
    ///
    /// Values on a 1e-4 grid below 1e9 (cent and sub-penny prices, share counts) take a fast path that
    /// prints the digits directly; it gives the same bytes as `description` because no shorter decimal
    /// lies within half an ulp of such a value, and it is taken only after checking that the printed
    /// decimal converts back to exactly `value`.
    package mutating func double(_ value: Double, integral: IntegralSpelling) {
        guard value.isFinite else {
            raw("null")
            return
        }
        if value == 0 {
            if value.sign == .minus {
                raw("-0.0")
            } else if integral == .bare {
                byte(UInt8(ascii: "0"))
            } else {
                raw("0.0")
            }
            return
        }
        let magnitude = value.magnitude
        if magnitude < 1e9 {
            let units = (magnitude * 10_000).rounded()
            // `units` < 1e13 is an exact integer, and IEEE division is correctly rounded: equality means
            // the decimal `units / 10_000` parses back to `magnitude`.
            if units / 10_000 == magnitude {
                if value < 0 { byte(UInt8(ascii: "-")) }
                let scaled = UInt64(units)
                let whole = scaled / 10_000
                let fraction = Int(scaled % 10_000)
                uint(whole)
                if fraction != 0 {
                    fractionDigits(fraction)
                } else if integral == .pointZero {
                    raw(".0")
                }
                return
            }
        }
        described(value, integral: integral)
    }

    /// `.` and 1-4 digits of `fraction` (1...9999 ten-thousandths), trailing zeros dropped.
    @inline(__always)
    private mutating func fractionDigits(_ fraction: Int) {
        byte(UInt8(ascii: "."))
        let digits = (fraction / 1_000, fraction / 100 % 10, fraction / 10 % 10, fraction % 10)
        byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digits.0))
        if fraction % 1_000 == 0 { return }
        byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digits.1))
        if fraction % 100 == 0 { return }
        byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digits.2))
        if fraction % 10 == 0 { return }
        byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digits.3))
    }

    /// The slow path: Swift's shortest round-trip `description`, adjusted for `integral`.
    private mutating func described(_ value: Double, integral: IntegralSpelling) {
        var text = value.description
        if integral == .bare, text.hasSuffix(".0") {
            text.removeLast(2)
        }
        text.withUTF8 { bytes in
            for value in bytes { byte(value) }
        }
    }

    /// At most this many bytes for any double: `-2.2250738585072014e-308` is 24.
    static let maximumDoubleLength = 25
}
