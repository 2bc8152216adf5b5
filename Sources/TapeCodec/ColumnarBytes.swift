/// The uncompressed columnar bytes of a segment, and where stretches of differently distributed bytes
/// end (columns, byte planes), so the compressor can code each its own way.
public struct ColumnarBytes: Sendable {
    /// The columnar bytes, header first (see ``SegmentCodec``).
    public var bytes: [UInt8]
    /// Offsets where sections end, non-decreasing (an empty column repeats one); the last is `bytes.count`.
    var sectionEnds: [Int]
}
