/// A record with a place in the tape's one order: (time, sequence number).
///
/// Trades and quotes are ordered by SIP timestamp, then sequence number; bars by start (sequence 0).
public protocol TapeOrdered: Hashable, Sendable {
    /// The time that orders records and places them in windows: SIP time, or bar start.
    var tapeTime: Timestamp { get }
    /// Breaks ties between records of equal ``tapeTime``: the sequence number (0 for bars).
    var tapeSequence: Int64 { get }
}

extension Trade: TapeOrdered {
    public var tapeTime: Timestamp { sipTimestamp }
    public var tapeSequence: Int64 { sequenceNumber }
}

extension Quote: TapeOrdered {
    public var tapeTime: Timestamp { sipTimestamp }
    public var tapeSequence: Int64 { sequenceNumber }
}

extension Bar: TapeOrdered {
    public var tapeTime: Timestamp { start }
    public var tapeSequence: Int64 { 0 }
}

/// Puts records from any source into the tape's order — the one place that does it for the client,
/// the recorder and an archive rebuild.
///
/// Real pages are sorted by timestamp only: records sharing one SIP timestamp (an intermarket sweep
/// printing on several venues in the same nanosecond, or any two events of a millisecond feed) arrive in
/// any sequence order, and `order=desc` pages come reversed. Overlapping requests repeat records.
public enum TapeOrder {
    /// What ``normalize(_:symbol:kind:)`` did.
    public struct Outcome: Hashable, Sendable {
        /// Exact duplicates dropped (same key, same content).
        public var duplicatesDropped = 0
        /// Whether the input was out of order and had to be sorted.
        public var reordered = false

        public init(duplicatesDropped: Int = 0, reordered: Bool = false) {
            self.duplicatesDropped = duplicatesDropped
            self.reordered = reordered
        }
    }

    /// Whether `records` are strictly increasing in (time, sequence): the order every reader expects.
    public static func isOrdered<Record: TapeOrdered>(_ records: [Record]) -> Bool {
        guard records.count > 1 else { return true }
        for index in 1..<records.count where !precedes(records[index - 1], records[index]) { return false }
        return true
    }

    /// Sorts `records` by (time, sequence), keeps one copy of each exact duplicate and throws when two
    /// different records share a key — for trades and quotes a sequence number, which Polygon makes
    /// unique per ticker and day, for bars a start. The sort is stable and touches nothing when the
    /// input is already in order (the common case, one linear pass).
    public static func normalize<Record: TapeOrdered>(
        _ records: inout [Record], symbol: Symbol, kind: DataKind
    ) throws(TapeDeckError) -> Outcome {
        var outcome = Outcome()
        if !isOrdered(records) {
            if !isNonDecreasingByKey(records) {
                outcome.reordered = true
                records = stableSorted(records)
            }
            // Equal keys are now adjacent: drop exact copies, refuse conflicts.
            var kept: [Record] = []
            kept.reserveCapacity(records.count)
            for record in records {
                if let last = kept.last, last.tapeTime == record.tapeTime, last.tapeSequence == record.tapeSequence {
                    guard last == record else { throw conflict(last, record, symbol: symbol, kind: kind) }
                    outcome.duplicatesDropped += 1
                    continue
                }
                kept.append(record)
            }
            records = kept
        }
        if kind != .bars { try checkUniqueSequences(records, symbol: symbol, kind: kind) }
        return outcome
    }

    /// Throws when two records of one New York day share a sequence number (Polygon restarts them every
    /// session). Sequence numbers rise with SIP time on a real tape, so the check is one pass unless they
    /// do not; then each day's records are checked on a sorted copy of their indices.
    static func checkUniqueSequences<Record: TapeOrdered>(_ records: [Record], symbol: Symbol, kind: DataKind)
        throws(TapeDeckError)
    {
        guard records.count > 1 else { return }
        var rising = true
        for index in 1..<records.count where records[index - 1].tapeSequence >= records[index].tapeSequence {
            rising = false
            break
        }
        if rising { return }
        var dayStart = 0
        while dayStart < records.count {
            let date = NewYorkTime.date(of: records[dayStart].tapeTime)
            let nextMidnight = NewYorkTime.instant(date.adding(days: 1), hour: 0, minute: 0)
            var dayEnd = dayStart
            while dayEnd < records.count, records[dayEnd].tapeTime < nextMidnight { dayEnd += 1 }
            let bySequence = (dayStart..<dayEnd).sorted {
                (records[$0].tapeSequence, $0) < (records[$1].tapeSequence, $1)
            }
            for index in bySequence.indices.dropFirst() {
                let first = records[bySequence[index - 1]]
                let second = records[bySequence[index]]
                if first.tapeSequence == second.tapeSequence { throw conflict(first, second, symbol: symbol, kind: kind) }
            }
            dayStart = dayEnd
        }
    }

    @inline(__always)
    static func precedes<Record: TapeOrdered>(_ a: Record, _ b: Record) -> Bool {
        a.tapeTime < b.tapeTime || (a.tapeTime == b.tapeTime && a.tapeSequence < b.tapeSequence)
    }

    private static func isNonDecreasingByKey<Record: TapeOrdered>(_ records: [Record]) -> Bool {
        for index in records.indices.dropFirst() where precedes(records[index], records[index - 1]) { return false }
        return true
    }

    private static func stableSorted<Record: TapeOrdered>(_ records: [Record]) -> [Record] {
        records.indices.sorted {
            let a = records[$0], b = records[$1]
            if a.tapeTime != b.tapeTime { return a.tapeTime < b.tapeTime }
            if a.tapeSequence != b.tapeSequence { return a.tapeSequence < b.tapeSequence }
            return $0 < $1
        }.map { records[$0] }
    }

    private static func conflict<Record: TapeOrdered>(_ first: Record, _ second: Record, symbol: Symbol, kind: DataKind)
        -> TapeDeckError
    {
        let what = kind == .bars ? "start \(first.tapeTime)" : "sequence number \(first.tapeSequence)"
        return TapeDeckError(
            .conflictingRecords,
            "two different \(symbol) \(kind) share \(what): \(first) and \(second); the source sent conflicting data, so nothing of this request was stored — report it to the data provider or record the window again"
        )
    }
}

extension TapeDeckError.Code {
    /// Two different records claim the same place in the tape (same sequence number, or same bar start).
    public static let conflictingRecords = Self(rawValue: "conflictingRecords")
}
