/// A half-open interval of time [start, end): `start` is inside, `end` is not.
public struct TimeWindow: Hashable, Sendable, CustomStringConvertible {
    public let start: Timestamp
    public let end: Timestamp

    /// A window; `end` before `start` is an error naming both.
    public init(start: Timestamp, end: Timestamp) throws(TapeDeckError) {
        guard start <= end else {
            throw TapeDeckError(.invalidWindow, "time window ends (\(end)) before it starts (\(start)); swap or fix the bounds")
        }
        self.start = start
        self.end = end
    }

    /// A window whose bounds are known to be ordered (checked in debug builds).
    public init(uncheckedStart start: Timestamp, end: Timestamp) {
        assert(start <= end)
        self.start = start
        self.end = end
    }

    /// Length in nanoseconds.
    public var duration: Int64 { end.nanoseconds - start.nanoseconds }

    public var isEmpty: Bool { start == end }

    /// Whether `instant` is in [start, end).
    public func contains(_ instant: Timestamp) -> Bool { start <= instant && instant < end }

    /// Whether `other` lies entirely inside this window.
    public func contains(_ other: TimeWindow) -> Bool { start <= other.start && other.end <= end }

    /// The overlap of two windows, or `nil` when they share no instant.
    public func intersection(_ other: TimeWindow) -> TimeWindow? {
        let lower = max(start, other.start)
        let upper = min(end, other.end)
        return lower < upper ? TimeWindow(uncheckedStart: lower, end: upper) : nil
    }

    /// The smallest window containing both.
    public func union(_ other: TimeWindow) -> TimeWindow {
        TimeWindow(uncheckedStart: min(start, other.start), end: max(end, other.end))
    }

    /// `[start, end)` in UTC ISO-8601.
    public var description: String { "[\(start), \(end))" }
}
