/// Lossless compact encoding of `Double`s that are short decimals (prices, sizes, VWAPs).
///
/// A column picks one scale 10^e (e in 0…9), raised value by value to the smallest exponent at which each
/// value `v` is `Double(k) / 10^e`, bit for bit, with `k` the integer nearest to `v * 10^e` (values with no
/// such form at any exponent leave it alone). Layout: `byte e`,
/// an ``IntegerColumn`` of the zig-zag `k`s (as deltas from the `k` before when `differenced`: prices
/// move by ticks, sizes do not), then the exceptions: `varint x`, and `x` times the varint distance from the
/// previous exception's index (the first from 0) and the value's 8-byte IEEE-754 bit pattern. Exceptions
/// are the values without a scaled form at `e` (−0.0, NaN, subnormals, 1/3, huge numbers); their place in the
/// integer column repeats the `k` before (delta 0, or 0 undifferenced), so nothing is ever rounded.
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

    /// The exponent for `values`: raised, value by value, to the smallest one that represents the value
    /// (a value that would reach 2^51 once scaled by a later, larger exponent becomes an exception).
    static func exponent(_ values: [Double]) -> Int {
        var exponent = 0
        for value in values where scaled(value, powers[exponent]) == nil {
            var candidate = exponent + 1
            while candidate < powers.count, scaled(value, powers[candidate]) == nil { candidate += 1 }
            if candidate < powers.count { exponent = candidate }
        }
        return exponent
    }

    static func write(_ values: [Double], differenced: Bool, to column: inout ColumnWriter) {
        let exponent = self.exponent(values)
        let scale = powers[exponent]
        column.byte(UInt8(exponent))
        var integers = [Int64](repeating: 0, count: values.count)
        var exceptions: [Int] = []
        var previous: Int64 = 0
        for index in values.indices {
            if let integer = scaled(values[index], scale) {
                integers[index] = integer
                previous = integer
            } else {
                integers[index] = differenced ? previous : 0
                exceptions.append(index)
            }
        }
        IntegerColumn.writeSigned(integers, differenced: differenced, to: &column)
        column.varint(UInt64(exceptions.count))
        var last = 0
        for index in exceptions {
            column.varint(UInt64(index - last))
            column.raw64(values[index].bitPattern)
            last = index
        }
    }

    /// `count` values written by ``write(_:differenced:to:)``; `nil` when the column is malformed.
    static func read(_ column: inout ColumnReader, count: Int, differenced: Bool) -> [Double]? {
        let exponent = Int(column.byte())
        guard exponent < powers.count else { return nil }
        let scale = powers[exponent]
        guard
            var values = IntegerColumn.read(
                &column, maximumCount: count, as: differenced ? .zigZagDeltas : .zigZag, into: Double.self,
                bits: { (Double($0) / scale).bitPattern }),
            values.count == count
        else { return nil }
        let exceptions = column.varint()
        guard exceptions <= UInt64(count) else { return nil }
        var index = 0
        for number in 0..<Int(exceptions) {
            let distance = Int(clamping: column.varint())
            guard distance < count - index, number == 0 || distance > 0 else { return nil }
            index += distance
            values[index] = Double(bitPattern: column.raw64())
        }
        return column.failed ? nil : values
    }
}
