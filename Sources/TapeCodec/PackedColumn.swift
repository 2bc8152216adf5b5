/// Unsigned integers bit-packed in blocks, the codec's one way of writing numbers: fast to read (one
/// unaligned load, a shift and a mask per value) and as small as the widest value of each block allows.
///
/// Layout: `varint count`, then per block of up to ``blockSize`` values one byte `w` (0…64) and
/// `⌈n·w / 8⌉` bytes holding the block's `n` values in `w` bits each, least significant bit first.
/// A block of zeros costs one byte; a block's width follows its own values, so a burst of large gaps
/// widens only the blocks it touches.
enum PackedColumn {
    static let blockSize = 128

    /// Bits needed for `value` (0 for 0).
    @inline(__always)
    static func width(_ value: UInt64) -> Int { 64 - value.leadingZeroBitCount }

    /// Bytes ``write(_:to:)`` produces for `values`, without writing them.
    static func size(_ values: [UInt64]) -> Int {
        var bytes = ColumnWriter.varintSize(UInt64(values.count))
        var start = 0
        while start < values.count {
            let end = min(start + blockSize, values.count)
            var all: UInt64 = 0
            for index in start..<end { all |= values[index] }
            bytes += 1 + ((end - start) * width(all) + 7) / 8
            start = end
        }
        return bytes
    }

    static func write(_ values: [UInt64], to column: inout ColumnWriter) {
        column.varint(UInt64(values.count))
        var start = 0
        while start < values.count {
            let end = min(start + blockSize, values.count)
            var all: UInt64 = 0
            for index in start..<end { all |= values[index] }
            let width = self.width(all)
            column.byte(UInt8(width))
            var accumulator: UInt64 = 0
            var filled = 0
            for index in start..<end where width > 0 {
                let value = values[index]
                accumulator |= value << UInt64(filled)
                filled += width
                if filled >= 64 {
                    column.raw64(accumulator)
                    filled -= 64
                    // The bits of `value` that did not fit (none when it ended exactly at bit 64).
                    accumulator = filled == 0 ? 0 : value >> UInt64(width - filled)
                }
            }
            for _ in 0..<((filled + 7) / 8) {
                column.byte(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
            }
            start = end
        }
    }

    /// The values of one packed column; `nil` when it is malformed or claims more than `maximumCount`
    /// values (checked before anything is allocated).
    static func read(_ column: inout ColumnReader, maximumCount: Int) -> [UInt64]? {
        read(&column, maximumCount: maximumCount, as: UInt64.self) { _, _ in true }
    }

    /// Reads one packed column into a new array of `Element` (any 8-byte plain value: `Int64`, `Double`):
    /// the values are unpacked into its storage and `finish` turns them, in place and while they are
    /// still in cache, into the bit patterns of the elements. `nil` when the column is malformed, claims
    /// more than `maximumCount` values, or `finish` returns `false`.
    @inline(__always)
    static func read<Element: BitwiseCopyable>(
        _ column: inout ColumnReader, maximumCount: Int, as type: Element.Type,
        finish: (UnsafeMutablePointer<UInt64>, Int) -> Bool
    ) -> [Element]? {
        precondition(MemoryLayout<Element>.size == 8 && MemoryLayout<Element>.stride == 8)
        let count = Int(clamping: column.varint())
        // Every block of up to 128 values takes at least its width byte, so a count the remaining bytes
        // cannot hold is refused before anything is allocated.
        guard !column.failed, count <= maximumCount, count <= blockSize * (column.end - column.position) else { return nil }
        var failed = false
        let values = [Element](unsafeUninitializedCapacity: count) { values, initialized in
            // The storage holds `UInt64`s while they are unpacked and finished, then the same bytes are
            // the elements: one allocation and no copy.
            let output = UnsafeMutableRawPointer(values.baseAddress).map { $0.bindMemory(to: UInt64.self, capacity: count) }
            var start = 0
            while start < count {
                let n = min(blockSize, count - start)
                let width = Int(column.byte())
                guard width <= 64, let bytes = column.bytes((n * width + 7) / 8) else {
                    failed = true
                    break
                }
                unpack(bytes, count: n, width: width, readableEnd: column.base + column.end, into: output! + start)
                start += n
            }
            if failed {
                output?.initialize(repeating: 0, count: count)
            } else if let output {
                failed = !finish(output, count)
            }
            if let output { UnsafeMutableRawPointer(output).bindMemory(to: Element.self, capacity: count) }
            initialized = count
        }
        return failed || column.failed ? nil : values
    }

    /// Unpacks `count` values of `width` bits from `bytes`. Values whose 8-byte window lies before
    /// `readableEnd` (the end of the column) are read with one unaligned load; the last few are
    /// assembled byte by byte, so nothing past the column is ever read.
    @inline(__always)
    static func unpack(
        _ bytes: UnsafeBufferPointer<UInt8>, count: Int, width: Int, readableEnd: UnsafePointer<UInt8>,
        into output: UnsafeMutablePointer<UInt64>
    ) {
        guard width > 0, let base = bytes.baseAddress else {
            output.initialize(repeating: 0, count: count)
            return
        }
        let mask: UInt64 = width == 64 ? ~0 : (1 &<< UInt64(width)) &- 1
        let raw = UnsafeRawPointer(base)
        // A value whose bit offset within its first byte plus its width exceeds 64 spans nine bytes.
        let fastWidth = width <= 57
        let fastBytes = readableEnd - base - 8
        var index = 0
        if fastWidth {
            while index < count {
                let bit = index &* width
                let byte = bit &>> 3
                guard byte <= fastBytes else { break }
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
                output[index] = (word &>> UInt64(bit & 7)) & mask
                index &+= 1
            }
        }
        while index < count {
            let bit = index * width
            var value: UInt64 = 0
            var taken = 0
            var byte = bit >> 3
            var skip = bit & 7
            while taken < width {
                value |= (UInt64(base[byte]) >> UInt64(skip)) << UInt64(taken)
                taken += 8 - skip
                skip = 0
                byte += 1
            }
            output[index] = value & mask
            index += 1
        }
    }
}
