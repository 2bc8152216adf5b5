import MarketData

/// How a ``Recorder`` splits, fetches and stores.
public struct RecorderConfiguration: Sendable {
    /// Length of a trade or quote chunk, ns (default 10 minutes), unless ``adaptiveChunks`` picks it.
    /// Chunks are cut by `ChunkGrid` (aligned to New York midnight, so 10-minute chunks start at 09:30,
    /// 09:40 …); each one is fetched, committed and released before memory grows, which bounds memory
    /// for a very liquid day.
    public var tickChunkDuration: Int64
    /// Whether a source that offers `AdaptiveChunking` (the live client, the simulator) picks the chunk
    /// length per symbol — the seed's 5/10/15 minutes by average daily volume — instead of
    /// ``tickChunkDuration``. `tapedeck record` turns it on unless `--chunk-minutes` is given.
    public var adaptiveChunks = false
    /// Length of a bar chunk, ns (default: a whole day, one chunk per day).
    public var barChunkDuration: Int64
    /// Chunks fetched at the same time (default 5, Polygon's polite maximum).
    public var maxConcurrentChunks: Int
    /// zlib level (1 fast … 9 small; default 6) of segments under 16 KiB; larger segments are compressed
    /// section by section (docs/ARCHIVE-FORMAT.md). Response bodies use level 6.
    public var compressionLevel: Int32
    /// How long data fetched while its session was open stays valid, ns (default 24 h).
    public var provisionalLifetime: Int64
    /// The wall clock, for `recordedAt` and provisional expiry.
    public var clock: WallClock
    /// Credentials (the API key) that must never be stored: a chunk whose raw responses contain one
    /// in their request or body is refused with an error instead of being committed. Pass the live
    /// client's key here; requests are redacted anyway (see `CanonicalRequest`).
    public var secrets: [String] = []

    public init(
        tickChunkDuration: Int64 = 10 * Timestamp.nanosecondsPerMinute,
        barChunkDuration: Int64 = Timestamp.nanosecondsPerDay,
        maxConcurrentChunks: Int = 5,
        compressionLevel: Int32 = 6,
        provisionalLifetime: Int64 = 24 * Timestamp.nanosecondsPerHour,
        clock: WallClock = .system
    ) {
        self.tickChunkDuration = max(Timestamp.nanosecondsPerSecond, tickChunkDuration)
        self.barChunkDuration = max(Timestamp.nanosecondsPerMinute, barChunkDuration)
        self.maxConcurrentChunks = max(1, maxConcurrentChunks)
        self.compressionLevel = compressionLevel
        self.provisionalLifetime = provisionalLifetime
        self.clock = clock
    }

    /// This configuration refusing responses that contain any of `secrets`.
    public func withSecrets(_ secrets: [String]) -> RecorderConfiguration {
        var copy = self
        copy.secrets = secrets
        return copy
    }

    /// The chunk length for `kind`.
    public func chunkDuration(for kind: DataKind) -> Int64 {
        kind == .bars ? barChunkDuration : tickChunkDuration
    }
}
