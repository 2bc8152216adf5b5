/// Lossless compact encoding of `Double`s that are short decimals (prices, sizes, VWAPs).
///
/// A column picks one scale 10^e (e in 0…9): the smallest for which every value `v` satisfies
/// `Double(k) / 10^e` bit-identical to `v` with `k = (v * 10^e).rounded()`. Such values are written as the
/// zig-zag varint of `(k - previous k) << 1`; any other value (−0.0, NaN, subnormals, 1/3, huge numbers)
/// as the varint `1` followed by its 8-byte IEEE-754 bit pattern, so nothing is ever rounded.
enum DecimalColumn {
    static let powers: [Double] = (0...9).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The scaled integer of `value` at `scale`, if it round-trips bit for bit.
    @inline(__always)
    static func scaled(_ value: Double, _ scale: Double) -> Int64? {
        let product = (value * scale).rounded()
        guard product.magnitude < 9_007_199_254_740_992 else { return nil }  // 2^53: exact integers only
        let integer = Int64(product)
        return (Double(integer) / scale).bitPattern == value.bitPattern ? integer : nil
    }

    /// The smallest exponent that represents every representable value of `values`.
    static func exponent<C: Collection>(_ values: C, _ value: (C.Element) -> Double) -> Int {
        var exponent = 0
        for element in values {
            let v = value(element)
            if scaled(v, powers[exponent]) != nil { continue }
            var candidate = exponent + 1
            while candidate < powers.count, scaled(v, powers[candidate]) == nil { candidate += 1 }
            if candidate < powers.count { exponent = candidate }
        }
        return exponent
    }

    /// Writes the exponent byte and then every value.
    static func write<C: Collection>(_ values: C, to column: inout ColumnWriter, _ value: (C.Element) -> Double) {
        let exponent = self.exponent(values, value)
        let scale = powers[exponent]
        column.byte(UInt8(exponent))
        var previous: Int64 = 0
        for element in values {
            let v = value(element)
            if let integer = scaled(v, scale) {
                column.varint(ColumnWriter.zigZag(integer &- previous) << 1)
                previous = integer
            } else {
                column.varint(1)
                column.raw64(v.bitPattern)
            }
        }
    }

    /// Reads values written by ``write(_:to:_:)``, one per call, with the state it keeps.
    struct Reader {
        var column: ColumnReader
        let scale: Double
        var previous: Int64 = 0

        init(_ column: ColumnReader) {
            var column = column
            let exponent = Int(column.byte())
            if exponent >= DecimalColumn.powers.count { column.failed = true }
            self.scale = DecimalColumn.powers[min(exponent, DecimalColumn.powers.count - 1)]
            self.column = column
        }

        @inline(__always)
        mutating func next() -> Double {
            let tag = column.varint()
            if tag & 1 == 1 {
                if tag != 1 { column.failed = true }
                return Double(bitPattern: column.raw64())
            }
            previous = previous &+ ColumnReader.unZigZag(tag >> 1)
            return Double(previous) / scale
        }
    }
}
