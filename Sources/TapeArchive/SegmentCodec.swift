import MarketData

/// One encoded chunk of records: the zlib-compressed columnar payload and what the `segments` row
/// stores beside it.
public struct EncodedSegment: Hashable, Sendable {
    /// zlib stream of the columnar bytes.
    public var payload: [UInt8]
    /// Length of the columnar bytes before compression.
    public var rawSize: Int
    /// Number of records.
    public var count: Int
    /// Time of the first and last record (SIP time, or bar start); `nil` when empty.
    public var firstTime: Timestamp?
    public var lastTime: Timestamp?
    /// ``SegmentCodec/version`` at encoding time.
    public var codecVersion: Int
}

/// The columnar segment codec: per column delta + zig-zag varints (decimal columns scaled, see
/// ``DecimalColumn``), the columns concatenated behind a small header, then one zlib stream whose
/// sections are coded by ``compressionPlan(_:level:)``.
///
/// Layout before compression (documented with a worked example in `docs/ARCHIVE-FORMAT.md`):
/// `varint count, varint columnCount, columnCount × varint byteLength, column bytes…`.
public enum SegmentCodec {
    /// Version 1: the layout above, trade/quote/bar columns in the order of their `encodeColumns`.
    public static let version = 1

    /// Encodes records of any archivable kind; `level` applies to segments too small to plan by section.
    public static func encode<Record: ArchivableRecord>(_ records: [Record], level: Int32 = 6)
        -> EncodedSegment
    {
        let raw = Record.encodeColumns(records)
        return EncodedSegment(
            payload: Zlib.compress(raw.bytes, sections: compressionPlan(raw, level: level)),
            rawSize: raw.bytes.count, count: records.count, firstTime: records.first?.archiveTime,
            lastTime: records.last?.archiveTime, codecVersion: version
        )
    }

    /// Decodes a payload; `row` names it in errors ("segment 12").
    public static func decode<Record: ArchivableRecord>(
        _ payload: [UInt8], rawSize: Int, count: Int, codecVersion: Int, as type: Record.Type = Record.self,
        path: String = "(memory)", row: String = "segment"
    ) throws(TapeDeckError) -> [Record] {
        guard codecVersion == version else {
            throw TapeDeckError(
                .newerArchiveSchema,
                "\(row) of \(path) uses segment codec version \(codecVersion), this build reads \(version); upgrade tapedeck"
            )
        }
        // Bounds from the row that no valid segment exceeds, checked before anything is allocated: deflate
        // expands at most 1032:1, and every record has a flags byte.
        guard rawSize >= 0, rawSize <= 1032 * payload.count + 64, count >= 0, count <= rawSize else {
            throw .corruptArchive(path, row: row, "its sizes (\(rawSize) bytes, \(count) records from \(payload.count) compressed bytes) are impossible")
        }
        guard let raw = Zlib.decompress(payload, rawSize: rawSize) else {
            throw .corruptArchive(path, row: row, "the zlib payload does not inflate to \(rawSize) bytes")
        }
        guard let records = raw.withUnsafeBufferPointer({ buffer in Record.decodeColumns(buffer, count: count) }) else {
            throw .corruptArchive(path, row: row, "the columnar payload does not decode to \(count) \(Record.kind)")
        }
        return records
    }

    /// Concatenates columns behind the header.
    static func assemble(count: Int, _ columns: [ColumnWriter]) -> ColumnarBytes {
        var header = ColumnWriter()
        header.varint(UInt64(count))
        header.varint(UInt64(columns.count))
        for column in columns { header.varint(UInt64(column.bytes.count)) }
        var bytes = header.bytes
        var sectionEnds: [Int] = []
        bytes.reserveCapacity(bytes.count + columns.reduce(0) { $0 + $1.bytes.count })
        for column in columns {
            let start = bytes.count
            sectionEnds.append(start)
            for sectionStart in column.sectionStarts { sectionEnds.append(start + sectionStart) }
            bytes.append(contentsOf: column.bytes)
        }
        sectionEnds.append(bytes.count)
        return ColumnarBytes(bytes: bytes, sectionEnds: sectionEnds)
    }

    /// Segments smaller than this are one deflate stream at the configured level: too small for the
    /// per-section plan to matter, and LZ77 finds what little structure they have.
    static let sectionedMinimum = 16 * 1024

    /// How each section of the columnar bytes is compressed, chosen from its byte statistics (see
    /// docs/ARCHIVE-FORMAT.md): nearly random bytes (entropy above 6 bits per byte: low bytes of
    /// timestamps and latencies) are stored, because coding them would save little and cost time both
    /// ways; mostly-one-value bytes (flags, tapes, sequence deltas) get run-length matches; the rest
    /// Huffman codes. Sections too short to judge join the section before them.
    static func compressionPlan(_ raw: ColumnarBytes, level: Int32) -> [(end: Int, method: Zlib.Method)] {
        guard raw.bytes.count >= sectionedMinimum else { return [(raw.bytes.count, .matching(level))] }
        var plan: [(end: Int, method: Zlib.Method)] = []
        var start = 0
        var method = Zlib.Method.huffman
        raw.bytes.withUnsafeBufferPointer { bytes in
            for end in raw.sectionEnds where end > start {
                if end - start >= 256 {
                    let statistics = ByteStatistics(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    method =
                        statistics.bitsPerByte > 6 ? .stored : statistics.mostCommonShare > 0.5 ? .runs : .huffman
                }
                plan.append((end, method))
                start = end
            }
        }
        return plan
    }

    /// Splits a payload into column readers; `nil` unless it holds exactly `expectedColumns` columns
    /// filling it exactly, for `count` records.
    static func columns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int, expectedColumns: Int) -> [ColumnReader]? {
        guard let base = buffer.baseAddress else { return nil }
        var header = ColumnReader(base: base, start: 0, end: buffer.count)
        guard header.varint() == UInt64(count), header.varint() == UInt64(expectedColumns) else { return nil }
        var lengths: [Int] = []
        for _ in 0..<expectedColumns { lengths.append(Int(clamping: header.varint())) }
        guard !header.failed else { return nil }
        var start = header.position
        var readers: [ColumnReader] = []
        for length in lengths {
            guard length <= buffer.count - start else { return nil }
            readers.append(ColumnReader(base: base, start: start, end: start + length))
            start += length
        }
        return start == buffer.count ? readers : nil
    }
}

extension ColumnWriter {
    /// An optional condition-code list's codes (presence is in the flags column): count, then codes.
    mutating func codes(_ codes: ConditionCodes) {
        varint(UInt64(codes.count))
        for code in codes { signed(Int64(code)) }
    }

    /// A trade id: canonical decimals as a zig-zag delta from the previous numeric id (`tag << 1`),
    /// anything else as `(utf8Length << 1) | 1` and the bytes.
    mutating func identifier(_ id: String, previous: inout Int64) {
        if let value = ColumnWriter.canonicalDecimal(id) {
            varint(ColumnWriter.zigZag(value &- previous) << 1)
            previous = value
        } else {
            var id = id
            id.withUTF8 { buffer in
                varint(UInt64(buffer.count) << 1 | 1)
                bytes.append(contentsOf: buffer)
            }
        }
    }

    /// The value of `text` if it is 1-18 ASCII digits without a leading zero (or exactly "0"), so that
    /// `String(value)` gives `text` back.
    static func canonicalDecimal(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { buffer -> Int64? in
            guard !buffer.isEmpty, buffer.count <= 18, buffer[0] != UInt8(ascii: "0") || buffer.count == 1 else {
                return nil
            }
            var value: Int64 = 0
            for byte in buffer {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
    }
}

extension ColumnReader {
    mutating func codes() -> ConditionCodes {
        let count = varint()
        guard count <= UInt64(end - position) else {
            failed = true
            return []
        }
        var codes = ConditionCodes()
        for _ in 0..<count {
            let value = signed()
            guard let code = Int32(exactly: value) else {
                failed = true
                return codes
            }
            codes.append(code)
        }
        return codes
    }

    mutating func identifier(previous: inout Int64) -> String {
        let tag = varint()
        if tag & 1 == 0 {
            previous = previous &+ ColumnReader.unZigZag(tag >> 1)
            return ColumnReader.decimal(previous)
        }
        let count = Int(clamping: tag >> 1)
        guard let bytes = bytes(count) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `String(value)`, built digit by digit for the non-negative ids the writer produces (up to 15
    /// digits fit a small string, so no allocation; `String(Int64)` formats through a generic path).
    static func decimal(_ value: Int64) -> String {
        guard value >= 0 else { return String(value) }
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return String(unsafeUninitializedCapacity: digits) { buffer in
            var rest = value
            for index in stride(from: digits - 1, through: 0, by: -1) {
                buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            return digits
        }
    }

    /// Reads an `Int` written with `signed(Int64(value))`.
    @inline(__always)
    mutating func int() -> Int {
        Int(truncatingIfNeeded: signed())
    }
}
