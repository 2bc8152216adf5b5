import MarketData

/// A time-bounded, read-only view of trades, quotes or bars: the only way adapters see data.
///
/// A view over an entry at E holds the rows inside its lookback window that are visible at E (trades
/// and quotes with SIP time < E, bars with end ≤ E). Indices run from 0 to `count`; there is no API to
/// reach a row past the frontier (subscripting past the end traps). The one exception, meant for the
/// audit, is ``rawAccess(recordingTo:)``, which records every read outside the view as a violation.
public struct TapeView<Columns: TapeColumns>: RandomAccessCollection, Sendable {
    @usableFromInline let columns: Columns
    @usableFromInline let lower: Int
    @usableFromInline let upper: Int
    /// The lookback window: [start, frontier).
    public let window: TimeWindow
    /// Who reads through this view (an adapter name), for violation reports.
    public let reader: String
    /// Where the audit wants back-door reads recorded, whatever recorder the reader passes to
    /// ``rawAccess(recordingTo:)`` (a leaky adapter cannot hide a read by passing a throwaway recorder).
    let auditor: ViolationRecorder?

    /// The view of `columns` for a window [start, frontier); back-door reads are also recorded in
    /// `auditor` when given.
    public init(_ columns: Columns, start: Timestamp, frontier: Timestamp, reader: String = "", auditor: ViolationRecorder? = nil) {
        let range = columns.visibleRange(start: start, frontier: frontier)
        self.columns = columns
        self.lower = range.lowerBound
        self.upper = range.upperBound
        self.window = TimeWindow(uncheckedStart: Swift.min(start, frontier), end: frontier)
        self.reader = reader
        self.auditor = auditor
    }

    /// The entry time: nothing at or after it (for bars: nothing ending after it) is in the view.
    public var frontier: Timestamp { window.end }

    /// Where this view starts among the symbol-day's fetched rows of its kind: position `p` here is
    /// position `dayOffset + p` in the ``DayContext``'s view, which is how a one-pass reader finds what its
    /// pass kept for a row.
    public var dayOffset: Int { lower }

    public var startIndex: Int { 0 }
    public var endIndex: Int { upper - lower }

    @inlinable
    public subscript(position: Int) -> Columns.Record {
        precondition(position >= 0 && position < upper - lower, "index \(position) is outside the view (0..<\(upper - lower))")
        return columns.record(at: lower + position)
    }

    /// The audit's back door: every row that was fetched, including rows past the frontier; each read of a
    /// row outside this view is recorded in `recorder`.
    public func rawAccess(recordingTo recorder: ViolationRecorder) -> RawTapeAccess<Columns> {
        RawTapeAccess(view: self, recorder: recorder)
    }
}

/// Guarded access to every fetched row behind a ``TapeView``: reads inside the view are free, reads
/// outside it (past the frontier, or before the declared lookback) are recorded as violations.
public struct RawTapeAccess<Columns: TapeColumns>: Sendable {
    let view: TapeView<Columns>
    let recorder: ViolationRecorder

    /// All fetched rows, visible or not.
    public var count: Int { view.columns.count }
    /// The rows the view shows, as raw indices.
    public var visibleRange: Range<Int> { view.lower..<view.upper }

    /// Row `index` of all fetched rows; a row outside the view is returned and recorded (also in the
    /// view's auditor, if any).
    public func record(at index: Int) -> Columns.Record {
        let kind: LookAheadViolation.Kind? = index >= view.upper ? .pastFrontier : index < view.lower ? .beforeWindow : nil
        if let kind {
            let violation = LookAheadViolation(reader: view.reader, kind: kind, frontier: view.frontier, rowTime: rowTime(index))
            recorder.record(violation)
            if let auditor = view.auditor, auditor !== recorder { auditor.record(violation) }
        }
        return view.columns.record(at: index)
    }

    private func rowTime(_ index: Int) -> Timestamp {
        Timestamp(nanoseconds: view.columns.visibleTimes[index])
    }
}
