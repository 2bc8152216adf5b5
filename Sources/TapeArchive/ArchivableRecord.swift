import MarketData

/// A record kind the archive can store: trades, quotes and 1-minute bars.
/// Records are ordered and placed in windows by ``TapeOrdered/tapeTime`` and ``TapeOrdered/tapeSequence``.
public protocol ArchivableRecord: TapeOrdered {
    /// Which kind of data this is.
    static var kind: DataKind { get }
    /// A part of the request path that only this kind's endpoint has (`/v3/trades/`, …).
    static var requestPathMarker: String { get }
    /// The uncompressed columnar bytes (see ``SegmentCodec``).
    static func encodeColumns(_ records: [Self]) -> ColumnarBytes
    /// Records from columnar bytes; `nil` when the bytes are not a valid encoding of `count` records.
    static func decodeColumns(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Self]?
    /// The records of one raw response body of this kind (a Polygon page).
    static func decodeResponse(_ body: [UInt8]) throws(TapeDeckError) -> [Self]
    /// Fetches records of this kind from a source, its raw responses going to `log`.
    static func fetch(from source: some RecordableSource, _ symbol: Symbol, in window: TimeWindow, log: ResponseLog)
        async throws -> [Self]
}
