/// A sum of doubles with no rounding until it is read: the terms are added exactly into a 256-bit
/// fixed-point number (128 fractional bits), and ``value`` rounds the exact total once, to nearest.
///
/// Why: a sequential floating-point sum depends on the order and grouping of its additions, so a window's
/// sum taken as the difference of two prefix sums differs in the last bits from the same window added up
/// term by term. An exact sum does not: any grouping, prefix differences included, gives the same total,
/// and the result is the correctly rounded sum (more accurate than a sequential one). That is what lets a
/// one-pass reader (prefix sums over the day) equal the per-entry calculation bit for bit.
///
/// Range: terms of magnitude below 2¹⁰⁰ (≈ 1.3 × 10³⁰) are exact down to 2⁻¹²⁸ (≈ 2.9 × 10⁻³⁹; smaller
/// bits of a term are dropped, toward zero, before it is added); up to 2²⁶ such terms cannot overflow.
/// A larger term counts as an infinity of its sign, a NaN as a NaN: the value is then NaN when a NaN or
/// both infinities were added, otherwise the infinity. Subtraction (``-(_:_:)``) is exact too, so
/// `prefix(j) − prefix(i)` is the sum of the terms in between.
public struct ExactSum: Sendable, Hashable {
    /// Two's-complement limbs, least significant first: the total is `Int256(limbs) × 2⁻¹²⁸`.
    @usableFromInline var l0: UInt64 = 0
    @usableFromInline var l1: UInt64 = 0
    @usableFromInline var l2: UInt64 = 0
    @usableFromInline var l3: UInt64 = 0
    /// Terms that were NaN, +∞ (or ≥ 2¹⁰⁰) and −∞ (or ≤ −2¹⁰⁰); counts, so differences stay exact.
    @usableFromInline var nans: Int32 = 0
    @usableFromInline var positiveInfinities: Int32 = 0
    @usableFromInline var negativeInfinities: Int32 = 0

    public init() {}

    /// The sum of `terms`.
    public init(_ terms: some Sequence<Double>) {
        for term in terms { add(term) }
    }

    /// Adds `x` exactly (see the type's range).
    @inlinable
    public mutating func add(_ x: Double) {
        let bits = x.bitPattern
        let exponentField = Int(truncatingIfNeeded: (bits >> 52) & 0x7FF)
        var mantissa = bits & 0x000F_FFFF_FFFF_FFFF
        if exponentField == 0x7FF {
            if mantissa != 0 {
                nans &+= 1
            } else if x > 0 {
                positiveInfinities &+= 1
            } else {
                negativeInfinities &+= 1
            }
            return
        }
        // x = ±mantissa × 2^exponent with mantissa < 2⁵³.
        let exponent: Int
        if exponentField == 0 {
            guard mantissa != 0 else { return }
            exponent = -1074
        } else {
            mantissa |= 1 << 52
            exponent = exponentField - 1075
        }
        guard exponent <= 47 else {  // |x| ≥ 2¹⁰⁰
            if x > 0 { positiveInfinities &+= 1 } else { negativeInfinities &+= 1 }
            return
        }
        var shift = exponent + 128
        if shift < 0 {
            guard shift > -64 else { return }
            mantissa >>= UInt64(-shift)
            shift = 0
        }
        // Place the mantissa at bit `shift` (0…175): it spans limb `shift / 64` and the next one.
        let offset = UInt64(shift & 63)
        let low = mantissa << offset
        let high = offset == 0 ? 0 : mantissa >> (64 - offset)
        var t0: UInt64 = 0
        var t1: UInt64 = 0
        var t2: UInt64 = 0
        var t3: UInt64 = 0
        switch shift >> 6 {
        case 0: (t0, t1) = (low, high)
        case 1: (t1, t2) = (low, high)
        default: (t2, t3) = (low, high)  // shift ≤ 175: the top bit is at most 227
        }
        if bits >> 63 == 0 {
            addLimbs(t0, t1, t2, t3)
        } else {
            subtractLimbs(t0, t1, t2, t3)
        }
    }

    @inlinable
    mutating func addLimbs(_ a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64) {
        let (s0, c0) = l0.addingReportingOverflow(a0)
        let (s1a, c1a) = l1.addingReportingOverflow(a1)
        let (s1, c1b) = s1a.addingReportingOverflow(c0 ? 1 : 0)
        let (s2a, c2a) = l2.addingReportingOverflow(a2)
        let (s2, c2b) = s2a.addingReportingOverflow(c1a || c1b ? 1 : 0)
        l0 = s0
        l1 = s1
        l2 = s2
        l3 = l3 &+ a3 &+ (c2a || c2b ? 1 : 0)
    }

    @inlinable
    mutating func subtractLimbs(_ a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64) {
        let (d0, b0) = l0.subtractingReportingOverflow(a0)
        let (d1a, b1a) = l1.subtractingReportingOverflow(a1)
        let (d1, b1b) = d1a.subtractingReportingOverflow(b0 ? 1 : 0)
        let (d2a, b2a) = l2.subtractingReportingOverflow(a2)
        let (d2, b2b) = d2a.subtractingReportingOverflow(b1a || b1b ? 1 : 0)
        l0 = d0
        l1 = d1
        l2 = d2
        l3 = l3 &- a3 &- (b2a || b2b ? 1 : 0)
    }

    /// `a + b`, exactly.
    @inlinable
    public static func + (a: ExactSum, b: ExactSum) -> ExactSum {
        var sum = a
        sum += b
        return sum
    }

    /// Adds `b`'s terms to `a`, exactly.
    @inlinable
    public static func += (a: inout ExactSum, b: ExactSum) {
        a.addLimbs(b.l0, b.l1, b.l2, b.l3)
        a.nans &+= b.nans
        a.positiveInfinities &+= b.positiveInfinities
        a.negativeInfinities &+= b.negativeInfinities
    }

    /// `a − b`, exactly: the sum of the terms added to `a` after `b` when `a` continued `b`.
    @inlinable
    public static func - (a: ExactSum, b: ExactSum) -> ExactSum {
        var difference = a
        difference.subtractLimbs(b.l0, b.l1, b.l2, b.l3)
        difference.nans &-= b.nans
        difference.positiveInfinities &-= b.positiveInfinities
        difference.negativeInfinities &-= b.negativeInfinities
        return difference
    }

    /// The total, rounded once to the nearest double (ties to even); an exact zero is `+0.0`.
    public var value: Double {
        if nans != 0 || (positiveInfinities != 0 && negativeInfinities != 0) { return .nan }
        if positiveInfinities != 0 { return .infinity }
        if negativeInfinities != 0 { return -.infinity }
        let negative = l3 >> 63 == 1
        var limbs = [l0, l1, l2, l3]
        if negative {  // two's complement: invert and add one
            var carry: UInt64 = 1
            for index in limbs.indices {
                let (sum, overflow) = (~limbs[index]).addingReportingOverflow(carry)
                limbs[index] = sum
                carry = overflow ? 1 : 0
            }
        }
        guard let top = limbs.lastIndex(where: { $0 != 0 }) else { return 0 }
        // The 64 bits from the highest set bit down, with every lower bit folded into the last one
        // (sticky), so that converting them rounds exactly as rounding the whole number would.
        let leading = limbs[top].leadingZeroBitCount
        let highestBit = top * 64 + 63 - leading
        var window = leading == 0 ? limbs[top] : (limbs[top] << UInt64(leading)) | (top > 0 ? limbs[top - 1] >> UInt64(64 - leading) : 0)
        var sticky = false
        if top > 0 { sticky = leading == 0 ? limbs[top - 1] != 0 : limbs[top - 1] << UInt64(leading) != 0 }
        for index in 0..<max(0, top - 1) where limbs[index] != 0 { sticky = true }
        if sticky { window |= 1 }
        let magnitude = Double(window) * Double(sign: .plus, exponent: highestBit - 63 - 128, significand: 1)
        return negative ? -magnitude : magnitude
    }
}
