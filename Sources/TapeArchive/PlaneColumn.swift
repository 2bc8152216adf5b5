/// A column of zig-zag integers stored as byte planes, for values with many random low bits
/// (timestamp deltas, exchange latencies).
///
/// Layout: `varint count, byte width, width × count bytes`, where plane `p` holds byte `p` (little-endian)
/// of every value. Random low bytes sit together and cost what they cost, while the nearly constant high
/// bytes form long runs that zlib codes in a fraction of a bit — varints would interleave both, with
/// continuation bits, and compress worse. Each plane is its own compression section.
enum PlaneColumn {
    static func write(_ values: [Int64], to column: inout ColumnWriter) {
        let zigZags = values.map(ColumnWriter.zigZag)
        let all = zigZags.reduce(0, |)
        var width = 0
        while width < 8, all >> UInt64(8 * width) != 0 { width += 1 }
        column.varint(UInt64(values.count))
        column.byte(UInt8(width))
        let count = zigZags.count
        for plane in 0..<width {
            column.startSection()
            let shift = UInt64(8 * plane)
            let start = column.bytes.count
            column.bytes.append(contentsOf: repeatElement(0, count: count))
            column.bytes.withUnsafeMutableBufferPointer { bytes in
                for index in 0..<count { bytes[start + index] = UInt8(truncatingIfNeeded: zigZags[index] >> shift) }
            }
        }
    }

    /// Every value of a column that holds exactly one plane column (after any leading values already read);
    /// `nil` when the column is malformed or holds more than `maximumCount` values (checked before anything
    /// is allocated: with width 0 the count is not bounded by the column's bytes).
    static func read(_ column: ColumnReader, maximumCount: Int) -> [Int64]? {
        var column = column
        let count = Int(clamping: column.varint())
        let width = Int(column.byte())
        let size = count.multipliedReportingOverflow(by: width)
        guard !column.failed, count <= maximumCount, width <= 8, !size.overflow,
            size.partialValue == column.end - column.position
        else {
            return nil
        }
        let planes = column.base + column.position
        return [Int64](unsafeUninitializedCapacity: count) { values, initialized in
            for index in 0..<count {
                var value: UInt64 = 0
                var byte = planes + index
                for plane in 0..<width {
                    value |= UInt64(byte.pointee) << UInt64(8 * plane)
                    byte += count
                }
                values[index] = ColumnReader.unZigZag(value)
            }
            initialized = count
        }
    }
}
