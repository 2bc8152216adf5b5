/// Appends one column of a segment: unsigned LEB128 varints, zig-zag signed integers and scaled decimals.
///
/// Columns are written separately and concatenated, so that zlib sees long runs of similar bytes (all
/// exchange ids together, all price deltas together) instead of interleaved records.
struct ColumnWriter {
    var bytes: [UInt8] = []
    /// Offsets where a stretch of differently distributed bytes begins (byte planes), so that the
    /// compressor can code each stretch its own way (see ``SegmentCodec/compressionPlan(_:level:)``).
    var sectionStarts: [Int] = []

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

    /// A signed value as a zig-zag varint: 0, -1, 1, -2, 2 … become 0, 1, 2, 3, 4 ….
    @inline(__always)
    mutating func signed(_ value: Int64) {
        varint(ColumnWriter.zigZag(value))
    }

    /// Every value as a zig-zag varint of its difference from the one before (the first from 0).
    mutating func deltas(_ values: [Int64]) {
        var previous: Int64 = 0
        for value in values {
            signed(value &- previous)
            previous = value
        }
    }

    /// Starts a new compression section at the current end.
    mutating func startSection() {
        if sectionStarts.last != bytes.count { sectionStarts.append(bytes.count) }
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

    /// The result of reading this whole column with `body`; `nil` if a read failed or bytes remain.
    func readWhole<Result>(_ body: (inout ColumnReader) -> Result) -> Result? {
        var reader = self
        let result = body(&reader)
        return !reader.failed && reader.isAtEnd ? result : nil
    }

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

    /// `count` values written by ``ColumnWriter/deltas(_:)``.
    mutating func deltas(count: Int) -> [Int64] {
        var previous: Int64 = 0
        return [Int64](unsafeUninitializedCapacity: count) { values, initialized in
            for index in 0..<count {
                previous = previous &+ signed()
                values[index] = previous
            }
            initialized = count
        }
    }

    /// `count` signed varints as `Int`s.
    mutating func ints(count: Int) -> [Int] {
        [Int](unsafeUninitializedCapacity: count) { values, initialized in
            for index in 0..<count { values[index] = Int(truncatingIfNeeded: signed()) }
            initialized = count
        }
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
