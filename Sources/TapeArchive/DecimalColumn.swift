/// Lossless compact encoding of `Double`s that are short decimals (prices, sizes, VWAPs).
///
/// A column picks one scale 10^e (e in 0…9): the smallest for which every value `v` satisfies
/// `Double(k) / 10^e` bit-identical to `v` with `k` the integer nearest to `v * 10^e`. Such values are
/// written as the zig-zag varint of `(k - previous k) << 1`; any other value (−0.0, NaN, subnormals, 1/3,
/// huge numbers) as the varint `1` followed by its 8-byte IEEE-754 bit pattern, so nothing is ever rounded.
enum DecimalColumn {
    static let powers: [Double] = (0...9).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The scaled integer of `value` at `scale`, if it round-trips bit for bit.
    @inline(__always)
    static func scaled(_ value: Double, _ scale: Double) -> Int64? {
        let product = value * scale
        // Below 2^51, adding and removing 1.5 × 2^52 rounds to the nearest integer in two exact IEEE
        // operations (no libm call); NaN fails the comparison.
        guard product.magnitude < 0x1p51 else { return nil }
        let integer = Int64((product + 0x1.8p52) - 0x1.8p52)
        return (Double(integer) / scale).bitPattern == value.bitPattern ? integer : nil
    }

    /// The smallest exponent that represents every representable value of `values`.
    static func exponent(_ values: [Double]) -> Int {
        var exponent = 0
        for value in values where scaled(value, powers[exponent]) == nil {
            var candidate = exponent + 1
            while candidate < powers.count, scaled(value, powers[candidate]) == nil { candidate += 1 }
            if candidate < powers.count { exponent = candidate }
        }
        return exponent
    }

    /// Writes the exponent byte and then every value.
    static func write(_ values: [Double], to column: inout ColumnWriter) {
        let exponent = self.exponent(values)
        let scale = powers[exponent]
        column.byte(UInt8(exponent))
        var previous: Int64 = 0
        for value in values {
            if let integer = scaled(value, scale) {
                column.varint(ColumnWriter.zigZag(integer &- previous) << 1)
                previous = integer
            } else {
                column.varint(1)
                column.raw64(value.bitPattern)
            }
        }
    }

    /// `count` values written by ``write(_:to:)``; sets `failed` on a malformed column.
    static func read(_ column: inout ColumnReader, count: Int) -> [Double] {
        let exponent = Int(column.byte())
        if exponent >= powers.count { column.failed = true }
        let scale = powers[min(exponent, powers.count - 1)]
        var previous: Int64 = 0
        return [Double](unsafeUninitializedCapacity: count) { values, initialized in
            for index in 0..<count {
                let tag = column.varint()
                if tag & 1 == 0 {
                    previous = previous &+ ColumnReader.unZigZag(tag >> 1)
                    values[index] = Double(previous) / scale
                } else {
                    if tag != 1 { column.failed = true }
                    values[index] = Double(bitPattern: column.raw64())
                }
            }
            initialized = count
        }
    }
}
