import MarketData

/// How a trades or quotes window is cut into requests.
///
/// Chunks are `minutes` long and aligned to multiples of that length on the clock (09:30, 09:35, … for
/// 5 minutes — New York's offset is a whole number of hours, so UTC alignment is New York alignment);
/// the first and last are clipped to the window. They are half-open, requested with `timestamp.gte` and
/// `timestamp.lt`, so a record exactly on a border belongs to exactly one chunk.
struct ChunkPlan: Sendable, Hashable {
    var minutes: Int
    var chunks: [TimeWindow]

    init(window: TimeWindow, minutes: Int) {
        self.minutes = minutes
        let length = Int64(minutes) * Timestamp.nanosecondsPerMinute
        var chunks: [TimeWindow] = []
        var start = window.start
        while start < window.end {
            let remainder = start.nanoseconds % length
            let aligned = start.nanoseconds - (remainder < 0 ? remainder + length : remainder)
            let (next, overflow) = aligned.addingReportingOverflow(length)
            let end = overflow ? window.end : min(window.end, Timestamp(nanoseconds: next))
            chunks.append(TimeWindow(uncheckedStart: start, end: end))
            start = end
        }
        self.chunks = chunks
    }

    /// 5, 10 or 15 minutes for a symbol averaging more than 10M, more than 1M, or fewer shares a day.
    static func minutes(forAverageDailyVolume volume: Double) -> Int {
        if volume > 10_000_000 { return 5 }
        if volume > 1_000_000 { return 10 }
        return 15
    }
}
