/// Appends one column of a segment: unsigned LEB128 varints (counts, dictionary entries, text) and raw
/// bytes; bulk values go through ``PackedColumn``.
///
/// Columns are written separately and concatenated, so that each holds values of one distribution (all
/// price deltas together, all latencies together), packs tightly and is its own compression section.
struct ColumnWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Unsigned LEB128: 7 bits per byte, low group first, high bit set on every byte but the last.
    @inline(__always)
    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Bytes ``varint(_:)`` writes for `value`.
    static func varintSize(_ value: UInt64) -> Int {
        max(1, (PackedColumn.width(value) + 6) / 7)
    }

    /// A signed value as a zig-zag varint: 0, -1, 1, -2, 2 … become 0, 1, 2, 3, 4 ….
    @inline(__always)
    mutating func signed(_ value: Int64) {
        varint(ColumnWriter.zigZag(value))
    }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// Eight bytes little-endian.
    @inline(__always)
    mutating func raw64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    @inline(__always)
    static func zigZag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
}

/// Reads a column written by ``ColumnWriter``; every read is bounds-checked, so corrupt input becomes an
/// error and never a crash or an out-of-range read.
struct ColumnReader {
    let base: UnsafePointer<UInt8>
    var position: Int
    let end: Int

    /// Set when a read ran past the column or met an overlong varint; results are then meaningless.
    var failed = false

    init(base: UnsafePointer<UInt8>, start: Int, end: Int) {
        self.base = base
        self.position = start
        self.end = end
    }

    var isAtEnd: Bool { position == end }

    @inline(__always)
    mutating func varint() -> UInt64 {
        // One-byte values (small deltas, exchange ids) are the common case.
        if position < end, base[position] < 0x80 {
            defer { position += 1 }
            return UInt64(base[position])
        }
        return longVarint()
    }

    mutating func longVarint() -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let byte = base[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { break }
        }
        failed = true
        return 0
    }

    @inline(__always)
    mutating func signed() -> Int64 {
        ColumnReader.unZigZag(varint())
    }

    @inline(__always)
    mutating func byte() -> UInt8 {
        guard position < end else {
            failed = true
            return 0
        }
        defer { position += 1 }
        return base[position]
    }

    @inline(__always)
    mutating func raw64() -> UInt64 {
        guard end - position >= 8 else {
            failed = true
            return 0
        }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(base[position + index]) << UInt64(8 * index) }
        position += 8
        return value
    }

    /// Raw bytes; `nil` past the end.
    mutating func bytes(_ count: Int) -> UnsafeBufferPointer<UInt8>? {
        guard count >= 0, count <= end - position else {
            failed = true
            return nil
        }
        defer { position += count }
        return UnsafeBufferPointer(start: base + position, count: count)
    }

    @inline(__always)
    static func unZigZag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
