import MarketData

/// Immutable columnar storage of one kind of record, sorted by time; shared by every view over it.
///
/// `startTimes` places a record in a lookback window (SIP time; a bar's start), `visibleTimes` says when
/// it becomes visible (SIP time; a bar's end). Both are non-decreasing.
public protocol TapeColumns: AnyObject, Sendable {
    /// What one row reads as.
    associatedtype Record: Sendable
    /// Number of rows.
    var count: Int { get }
    /// When each row starts (for lookback windows).
    var startTimes: [Int64] { get }
    /// When each row becomes visible: a view at frontier E shows rows with visible time < E for ticks,
    /// ≤ E for bars (see ``visibleAtFrontier``).
    var visibleTimes: [Int64] { get }
    /// Whether a row whose visible time equals the frontier is visible (bars: yes; trades, quotes: no).
    static var visibleAtFrontier: Bool { get }
    /// Row `index`.
    func record(at index: Int) -> Record
}

extension TapeColumns {
    /// The first index whose time in `times` is ≥ `value` (binary search).
    @inlinable
    static func partition(_ times: [Int64], firstAtLeast value: Int64) -> Int {
        var low = 0
        var high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The row range visible to a window starting at `start` with frontier `frontier`.
    func visibleRange(start: Timestamp, frontier: Timestamp) -> Range<Int> {
        let lower = Self.partition(startTimes, firstAtLeast: start.nanoseconds)
        let limit = Self.visibleAtFrontier ? frontier.nanoseconds + 1 : frontier.nanoseconds
        let upper = max(lower, Self.partition(visibleTimes, firstAtLeast: limit))
        return lower..<upper
    }
}
