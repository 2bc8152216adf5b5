import MarketData

/// A record kind the segment codec stores: trades, quotes and 1-minute bars. Records are ordered by
/// ``TapeOrdered/tapeTime`` and ``TapeOrdered/tapeSequence``.
public protocol ColumnarRecord: TapeOrdered {
    /// Which kind of data this is.
    static var kind: DataKind { get }
    /// The uncompressed columnar bytes (see ``SegmentCodec``).
    static func encodeColumns(_ records: [Self]) -> ColumnarBytes
    /// Records from columnar bytes; `nil` when the bytes are not a valid encoding of `count` records.
    static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Self]?
}
