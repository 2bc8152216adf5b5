import MarketData
import TapeCodec

/// Everything one chunk fetch produced, ready to commit in one transaction.
public struct RecordedChunk: Sendable {
    public var symbol: Symbol
    public var kind: DataKind
    /// The New York trading date the chunk belongs to.
    public var day: LocalDate
    /// The chunk's window; it becomes a coverage row.
    public var window: TimeWindow
    /// The encoded records.
    public var segment: EncodedSegment
    /// The raw responses the source used, in order (empty for in-process sources).
    public var responses: [RawResponse]
    /// Wall-clock time of recording (metadata only).
    public var recordedAt: Timestamp
    /// Whether the day's session had ended at `recordedAt`.
    public var sessionClosed: Bool
    /// REST (the default) or the stream.
    public var origin: ChunkOrigin

    public init(
        symbol: Symbol, kind: DataKind, day: LocalDate, window: TimeWindow, segment: EncodedSegment,
        responses: [RawResponse], recordedAt: Timestamp, sessionClosed: Bool, origin: ChunkOrigin = .rest
    ) {
        self.origin = origin
        self.symbol = symbol
        self.kind = kind
        self.day = day
        self.window = window
        self.segment = segment
        self.responses = responses
        self.recordedAt = recordedAt
        self.sessionClosed = sessionClosed
    }
}
