import MarketData

/// One chunk to fetch: a window inside one New York day, aligned to the chunk grid.
public struct PlannedChunk: Hashable, Sendable {
    public var day: LocalDate
    public var window: TimeWindow
}

/// Decides which chunks a recording must fetch, from the mode and the existing coverage: only trading
/// time (each trading day's 04:00 to post-market close) is ever fetched, cut by ``ChunkGrid``.
enum ChunkPlan {
    /// - Parameters:
    ///   - coverage: rows of this symbol and kind (any order).
    ///   - isFresh: whether a row is still valid (final, or provisional and younger than its lifetime).
    static func chunks(
        for window: TimeWindow, mode: RecordingMode, coverage: [CoverageRow], chunkDuration: Int64,
        isFresh: (CoverageRow) -> Bool
    ) -> [PlannedChunk] {
        cut(targets(for: window, mode: mode, coverage: coverage, isFresh: isFresh), chunkDuration: chunkDuration)
    }

    /// The trading time of `window` that `mode` says to fetch, merged and in order.
    static func targets(
        for window: TimeWindow, mode: RecordingMode, coverage: [CoverageRow], isFresh: (CoverageRow) -> Bool
    ) -> [TimeWindow] {
        let overlapping = coverage.filter { $0.end > window.start.nanoseconds && $0.start < window.end.nanoseconds }
        var targets: [TimeWindow]
        switch mode {
        case .none:
            return []
        case .all:
            targets = [window] + overlapping.map(window(of:))
        case .new:
            let fresh = overlapping.filter(isFresh)
            targets =
                Archive.gaps(in: window, covered: fresh.map { ($0.start, $0.end) })
                + overlapping.filter { !isFresh($0) }.map(window(of:))
        case .once:
            let recordedDays = Set(coverage.map(\.day))
            targets = NewYorkDay.split(window).filter { !recordedDays.contains($0.date.description) }.map(\.window)
        }
        return merged(targets).flatMap { Archive.tradingTime(in: $0) }
    }

    /// `targets` cut into chunks of `chunkDuration` by `ChunkGrid`.
    static func cut(_ targets: [TimeWindow], chunkDuration: Int64) -> [PlannedChunk] {
        var chunks: [PlannedChunk] = []
        for open in targets {
            for cell in ChunkGrid.cells(of: open, length: chunkDuration) {
                chunks.append(PlannedChunk(day: NewYorkTime.date(of: cell.start), window: cell))
            }
        }
        return chunks
    }

    static func window(of row: CoverageRow) -> TimeWindow {
        TimeWindow(uncheckedStart: Timestamp(nanoseconds: row.start), end: Timestamp(nanoseconds: row.end))
    }

    /// Sorted union of windows, overlapping or touching ones merged.
    static func merged(_ windows: [TimeWindow]) -> [TimeWindow] {
        var result: [TimeWindow] = []
        for window in windows.filter({ !$0.isEmpty }).sorted(by: { $0.start < $1.start }) {
            if let last = result.last, window.start <= last.end {
                result[result.count - 1] = last.union(window)
            } else {
                result.append(window)
            }
        }
        return result
    }
}
