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

/// The columnar segment codec: per column deltas and zig-zag values, bit-packed in blocks
/// (``PackedColumn``), few-valued columns as frequency-ranked dictionaries (``IntegerColumn``,
/// ``TraitsColumn``), decimals scaled (``DecimalColumn``); the columns concatenated behind a small
/// header, then one zlib stream whose sections are coded by ``compressionPlan(_:level:)``.
///
/// Layout before compression (documented with a worked example in `docs/ARCHIVE-FORMAT.md`):
/// `varint count, varint columnCount, columnCount × varint byteLength, column bytes…`.
public enum SegmentCodec {
    /// Version 2: the layout above, trade/quote/bar columns in the order of their `encodeColumns`.
    /// (Version 1 wrote every value as a varint and left the entropy coding to zlib: about as small, but
    /// inflating it cost more than the whole decoding budget; such segments are rebuilt from the recorded
    /// responses by `tapedeck archive rebuild`.)
    public static let version = 2

    /// Encodes records of any archivable kind; `level` applies to segments too small to plan by section.
    public static func encode<Record: ColumnarRecord>(_ records: [Record], level: Int32 = 6)
        -> EncodedSegment
    {
        let raw = Record.encodeColumns(records)
        return EncodedSegment(
            payload: Zlib.compress(raw.bytes, sections: compressionPlan(raw, level: level)),
            rawSize: raw.bytes.count, count: records.count, firstTime: records.first?.tapeTime,
            lastTime: records.last?.tapeTime, codecVersion: version
        )
    }

    /// Decodes a payload; `row` names it in errors ("segment 12").
    public static func decode<Record: ColumnarRecord>(
        _ payload: [UInt8], rawSize: Int, count: Int, codecVersion: Int, as type: Record.Type = Record.self,
        path: String = "(memory)", row: String = "segment"
    ) throws(TapeDeckError) -> [Record] {
        guard codecVersion >= version else {
            throw TapeDeckError(
                .outdatedSegment,
                "\(row) of \(path) uses segment codec version \(codecVersion), which this build no longer reads; run `tapedeck archive rebuild \(path)` to rebuild the segments from the recorded responses"
            )
        }
        guard codecVersion == version else {
            throw TapeDeckError(
                .newerArchiveSchema,
                "\(row) of \(path) uses segment codec version \(codecVersion), this build reads \(version); upgrade tapedeck"
            )
        }
        // Bounds from the row that no valid segment exceeds, checked before anything is allocated: deflate
        // expands at most 1032:1, and every 128 records take at least one width byte in the first column.
        guard rawSize >= 0, rawSize <= 1032 * payload.count + 64, count >= 0, count <= 128 * rawSize else {
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
            sectionEnds.append(bytes.count)
            bytes.append(contentsOf: column.bytes)
        }
        sectionEnds.append(bytes.count)
        return ColumnarBytes(bytes: bytes, sectionEnds: sectionEnds)
    }

    /// Segments smaller than this are one deflate stream at the configured level: too small for the
    /// per-section plan to matter, and LZ77 finds what little structure they have.
    static let sectionedMinimum = 16 * 1024

    /// How each section (column) of the columnar bytes is compressed, chosen from its byte statistics
    /// (see docs/ARCHIVE-FORMAT.md). Bit-packed columns are mostly dense already: bytes with more than 5
    /// bits of entropy each (packed times, latencies, prices, sizes) are stored, because Huffman codes could
    /// save at most 3/8 of them while inflating a Huffman-coded byte costs about 4 ns, most of what a
    /// record may take to decode; mostly-one-value bytes (packed sequence deltas of 0 and 1) get
    /// run-length matches; the rest Huffman codes. Sections too short to judge join the one before them.
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
                        statistics.bitsPerByte > 5 ? .stored : statistics.mostCommonShare > 0.5 ? .runs : .huffman
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
    /// An optional condition-code list's codes (presence is a traits bit): count, then codes.
    mutating func codes(_ codes: ConditionCodes) {
        varint(UInt64(codes.count))
        for code in codes { signed(Int64(code)) }
    }

    /// A string as its UTF-8 length and bytes.
    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            varint(UInt64(buffer.count))
            bytes.append(contentsOf: buffer)
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

    /// A string written by ``ColumnWriter/text(_:)``; empty (and `failed`) past the end.
    mutating func text() -> String {
        let count = Int(clamping: varint())
        guard let bytes = bytes(count) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads an `Int` written with `signed(Int64(value))`.
    @inline(__always)
    mutating func int() -> Int {
        Int(truncatingIfNeeded: signed())
    }
}
