import MarketData

/// How the WebSocket feed at `/stocks` replays the source: from when, how fast, in what batches, and
/// when a consumer that cannot keep up is let go.
public struct FeedConfiguration: Sendable {
    /// How fast the replay clock runs.
    public enum Speed: Hashable, Sendable {
        /// As fast as the consumer reads, in fixed batches: the same bytes on every run.
        case max
        /// `factor` × wall time (1 is real time, 10 ten times faster).
        case times(Double)
    }

    /// Where the replay clock starts (New York time); `nil` for 09:30 of ``defaultDay``.
    public var start: Timestamp?
    /// The day replayed when ``start`` is `nil`.
    public var defaultDay = LocalDate(year: 2024, month: 3, day: 15)!
    public var speed = Speed.max
    /// The symbols `*` stands for (an archive's); `nil` refuses `*` (the simulator has no symbol list).
    public var symbols: [Symbol]?
    /// Most events per frame.
    public var batchSize = 500
    /// How far (wall time) the next unsent event may fall behind the replay clock before the consumer
    /// is told and disconnected: the bound on what a slow consumer makes the server hold.
    public var maximumLag: Duration = .seconds(5)
    /// How long one frame may take to be accepted by the connection before the consumer counts as stalled.
    public var writeTimeout: Duration = .seconds(10)
    /// Market minutes read from the source at a time (what is held in memory per connection).
    public var stepMinutes = 5

    public init() {}

    /// Where the replay starts, given the configuration.
    public var startTime: Timestamp {
        start ?? NewYorkTime.instant(defaultDay, hour: 9, minute: 30)
    }
}
