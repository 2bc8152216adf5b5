import MarketData

/// Where a page of time-ordered records stopped: the (SIP time, sequence number) of the last record sent.
struct PagePosition: Hashable, Sendable {
    var time: Int64
    var sequence: Int64

    static func < (a: Self, b: Self) -> Bool { (a.time, a.sequence) < (b.time, b.sequence) }
}

/// Cuts a time window of any `MarketDataSource` into pages of at most `limit` records, in ascending or
/// descending (time, sequence) order, resuming strictly after a `PagePosition`.
///
/// The source is asked for sub-windows that start small (one minute) and double until a page is full, so a
/// page costs about as much as the records it holds, whether the window is ten minutes or a whole day.
struct Paginator<Record: Sendable> {
    /// Fetches the records whose time lies in a window, sorted ascending.
    var fetch: @Sendable (TimeWindow) async throws -> [Record]
    /// The (time, sequence) key of a record.
    var position: @Sendable (Record) -> PagePosition

    struct Page {
        var records: [Record]
        /// Set when records remain after this page.
        var next: PagePosition?
    }

    func page(window: TimeWindow, after: PagePosition?, limit: Int, ascending: Bool) async throws -> Page {
        var collected: [Record] = []
        collected.reserveCapacity(min(limit + 1, 65_536))
        var span = Timestamp.nanosecondsPerMinute
        if ascending {
            var start = max(window.start, after.map { Timestamp(nanoseconds: $0.time) } ?? window.start)
            while start < window.end {
                let (sum, overflow) = start.nanoseconds.addingReportingOverflow(span)
                let end = overflow ? window.end : min(window.end, Timestamp(nanoseconds: sum))
                for record in try await fetch(TimeWindow(uncheckedStart: start, end: end)) {
                    if let after, !(after < position(record)) { continue }
                    collected.append(record)
                    if collected.count > limit {
                        collected.removeLast()
                        return Page(records: collected, next: position(collected[collected.count - 1]))
                    }
                }
                start = end
                span = span < Int64.max / 2 ? span * 2 : span
            }
        } else {
            var end = min(window.end, after.map { Timestamp(nanoseconds: $0.time).advanced(by: 1) } ?? window.end)
            while window.start < end {
                let (difference, overflow) = end.nanoseconds.subtractingReportingOverflow(span)
                let start = overflow ? window.start : max(window.start, Timestamp(nanoseconds: difference))
                for record in try await fetch(TimeWindow(uncheckedStart: start, end: end)).reversed() {
                    if let after, !(position(record) < after) { continue }
                    collected.append(record)
                    if collected.count > limit {
                        collected.removeLast()
                        return Page(records: collected, next: position(collected[collected.count - 1]))
                    }
                }
                end = start
                span = span < Int64.max / 2 ? span * 2 : span
            }
        }
        return Page(records: collected, next: nil)
    }
}
