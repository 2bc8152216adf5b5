/// A column of zig-zag integers stored as byte planes, for values with many random low bits
/// (timestamp deltas, exchange latencies).
///
/// Layout: `varint count, byte width, width × count bytes`, where plane `p` holds byte `p` (little-endian)
/// of every value. Random low bytes sit together and cost what they cost, while the nearly constant high
/// bytes form long runs that zlib codes in a fraction of a bit — varints would interleave both, with
/// continuation bits, and compress worse.
enum PlaneColumn {
    static func write(_ values: [Int64], to column: inout ColumnWriter) {
        var width = 0
        var all: UInt64 = 0
        for value in values { all |= ColumnWriter.zigZag(value) }
        while width < 8, all >> UInt64(8 * width) != 0 { width += 1 }
        column.varint(UInt64(values.count))
        column.byte(UInt8(width))
        column.bytes.reserveCapacity(column.bytes.count + width * values.count)
        for plane in 0..<width {
            let shift = UInt64(8 * plane)
            for value in values { column.bytes.append(UInt8(truncatingIfNeeded: ColumnWriter.zigZag(value) >> shift)) }
        }
    }

    /// Reads the values in order.
    struct Reader {
        var column: ColumnReader
        let count: Int
        let width: Int
        let planes: Int
        var index = 0

        init(_ column: ColumnReader) {
            var column = column
            let count = Int(clamping: column.varint())
            let width = Int(column.byte())
            let size = count.multipliedReportingOverflow(by: width)
            if width > 8 || size.overflow || size.partialValue > column.end - column.position { column.failed = true }
            self.count = column.failed ? 0 : count
            self.width = column.failed ? 0 : width
            self.planes = column.position
            if !column.failed { column.position += size.partialValue }
            self.column = column
        }

        @inline(__always)
        mutating func next() -> Int64 {
            guard index < count else {
                column.failed = true
                return 0
            }
            var value: UInt64 = 0
            var offset = planes + index
            for plane in 0..<width {
                value |= UInt64(column.base[offset]) << UInt64(8 * plane)
                offset += count
            }
            index += 1
            return ColumnReader.unZigZag(value)
        }

        /// All values read, nothing else in the column.
        var isComplete: Bool { !column.failed && index == count && column.isAtEnd }
    }
}

extension ColumnReader {
    /// The signed varint at the start of the column (a base value written before planes).
    func leadingSigned() -> Int64 {
        var copy = self
        return copy.signed()
    }

    /// The column after its leading varint.
    func droppingLeadingVarint() -> ColumnReader {
        var copy = self
        _ = copy.varint()
        return copy
    }
}
