/// The one way trades and quotes windows are cut into requests and recorded chunks — the seed's adaptive
/// chunks: 5, 10 or 15 minutes for symbols averaging more than 10M, more than 1M, or fewer shares a day.
///
/// Cells are aligned to New York midnight (09:30, 09:40, … for 10 minutes) and clipped to the window;
/// they are half-open, so a record exactly on a border belongs to exactly one cell. The recorder cuts
/// its chunks with it and the live client its requests, so a recorded chunk is one request.
public enum ChunkGrid {
    /// 5, 10 or 15 minutes by average daily volume (shares).
    public static func minutes(forAverageDailyVolume volume: Double) -> Int {
        if volume > 10_000_000 { return 5 }
        if volume > 1_000_000 { return 10 }
        return 15
    }

    /// `window` cut at multiples of `length` nanoseconds since New York midnight of each day it touches.
    public static func cells(of window: TimeWindow, length: Int64) -> [TimeWindow] {
        precondition(length > 0, "a chunk must have a length")
        var cells: [TimeWindow] = []
        var cursor = window.start.nanoseconds
        while cursor < window.end.nanoseconds {
            let day = NewYorkTime.date(of: Timestamp(nanoseconds: cursor))
            let origin = NewYorkTime.instant(day, hour: 0, minute: 0).nanoseconds
            let nextDay = NewYorkTime.instant(day.adding(days: 1), hour: 0, minute: 0).nanoseconds
            let index = (cursor - origin) / length
            let (boundary, overflow) = origin.addingReportingOverflow((index + 1).multipliedReportingOverflow(by: length).partialValue)
            let end = min(overflow ? Int64.max : boundary, nextDay, window.end.nanoseconds)
            cells.append(TimeWindow(uncheckedStart: Timestamp(nanoseconds: cursor), end: Timestamp(nanoseconds: end)))
            cursor = end
        }
        return cells
    }

    /// The cells of `window` for chunks of `minutes`.
    public static func cells(of window: TimeWindow, minutes: Int) -> [TimeWindow] {
        cells(of: window, length: Int64(max(1, minutes)) * Timestamp.nanosecondsPerMinute)
    }
}

/// A source that knows how finely to cut a symbol's trades and quotes: the live client from the
/// symbol's average daily volume, the simulator from its liquidity profile.
public protocol AdaptiveChunking: Sendable {
    /// Chunk minutes (see ``ChunkGrid/minutes(forAverageDailyVolume:)``) for `symbol` on `date`.
    func chunkMinutes(for symbol: Symbol, on date: LocalDate) async throws -> Int
}
