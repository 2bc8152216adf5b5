import Foundation
import GRDB
import MarketData
import TapeCodec

extension Archive {
    /// Coverage rows of one symbol and kind, by start; with `window`, only those that overlap it (a year
    /// of ticks is 48,000 rows a kind, and reading them all took 0.3 s for every symbol-day replayed).
    public func coverage(_ symbol: Symbol, _ kind: DataKind, overlapping window: TimeWindow? = nil) throws(TapeDeckError) -> [CoverageRow] {
        try read { db in
            var request = CoverageRow.filter(Column("symbol") == symbol.rawValue && Column("kind") == kind.rawValue)
            if let window {
                request = request.filter(Column("start") < window.end.nanoseconds && Column("end") > window.start.nanoseconds)
            }
            return try request.order(Column("start")).fetchAll(db)
        }
    }

    /// The parts of `window` that no coverage row of `symbol` and `kind` covers, in order.
    ///
    /// Time when the market is closed — nights outside 04:00-20:00 New York, weekends, holidays — is known
    /// to hold no data, so it is never a gap: a bar window spanning a weekend needs only its sessions.
    public func gaps(_ symbol: Symbol, _ kind: DataKind, in window: TimeWindow) throws(TapeDeckError) -> [TimeWindow] {
        let covered = try coverage(symbol, kind, overlapping: window).map { ($0.start, $0.end) }
        return Archive.tradingTime(in: window).flatMap { Archive.gaps(in: $0, covered: covered) }
    }

    /// The parts of `window` during which the market may trade: each trading day's 04:00 to post-market
    /// close. Dates outside the session calendar count whole, since nothing is known about them.
    static func tradingTime(in window: TimeWindow) -> [TimeWindow] {
        guard !window.isEmpty else { return [] }
        var parts: [TimeWindow] = []
        var day = NewYorkTime.date(of: window.start)
        let last = NewYorkTime.date(of: window.end.advanced(by: -1))
        while day <= last {
            let open: TimeWindow
            do {
                guard let sessions = try? SessionCalendar.nyse.sessions(on: day) else {
                    _ = try SessionCalendar.nyse.closure(on: day)  // throws outside the calendar's years
                    day = day.adding(days: 1)
                    continue
                }
                open = sessions.extended
            } catch {
                open = TimeWindow(
                    uncheckedStart: NewYorkTime.instant(day, hour: 0, minute: 0),
                    end: NewYorkTime.instant(day.adding(days: 1), hour: 0, minute: 0))
            }
            if let part = open.intersection(window) { parts.append(part) }
            day = day.adding(days: 1)
        }
        return parts
    }

    /// The parts of `window` outside the sorted `covered` intervals.
    static func gaps(in window: TimeWindow, covered: [(Int64, Int64)]) -> [TimeWindow] {
        var gaps: [TimeWindow] = []
        var cursor = window.start.nanoseconds
        let end = window.end.nanoseconds
        for (start, stop) in covered.sorted(by: { $0.0 < $1.0 }) where stop > cursor && start < end {
            if start > cursor {
                gaps.append(TimeWindow(uncheckedStart: Timestamp(nanoseconds: cursor), end: Timestamp(nanoseconds: start)))
            }
            cursor = max(cursor, stop)
            if cursor >= end { break }
        }
        if cursor < end {
            gaps.append(TimeWindow(uncheckedStart: Timestamp(nanoseconds: cursor), end: window.end))
        }
        return gaps
    }

    /// Segment rows of `symbol` and `kind` overlapping `window`, by start.
    public func segments(_ symbol: Symbol, _ kind: DataKind, overlapping window: TimeWindow) throws(TapeDeckError)
        -> [SegmentRow]
    {
        try read { db in
            try SegmentRow
                .filter(Column("symbol") == symbol.rawValue && Column("kind") == kind.rawValue)
                .filter(Column("end") > window.start.nanoseconds && Column("start") < window.end.nanoseconds)
                .order(Column("start"))
                .fetchAll(db)
        }
    }

    /// The records of one segment row, after checking its SHA-256.
    ///
    /// - Throws: ``TapeDeckError/Code/corruptArchive`` naming the row when its hash, size or columns are
    ///   wrong — never returns wrong records.
    public func decode<Record: ArchivableRecord>(_ row: SegmentRow, as type: Record.Type = Record.self)
        throws(TapeDeckError) -> [Record]
    {
        let name = Archive.describe(row)
        guard row.kind == Record.kind.rawValue else {
            throw .corruptArchive(path, row: name, "holds \(row.kind), expected \(Record.kind)")
        }
        guard Archive.sha256(row.payload) == row.sha256 else {
            throw .corruptArchive(path, row: name, "SHA-256 of the payload does not match")
        }
        return try SegmentCodec.decode(
            Array(row.payload), rawSize: row.rawSize, count: row.count, codecVersion: row.codecVersion,
            path: path, row: name)
    }

    /// `segment 12 (SPY trades 2024-03-15 09:30:00-04:00…09:40:00-04:00)`.
    static func describe(_ row: SegmentRow) -> String {
        "segment \(row.id ?? 0) (\(row.symbol) \(row.kind) \(Timestamp(nanoseconds: row.start).newYorkISO8601)…\(Timestamp(nanoseconds: row.end).newYorkISO8601))"
    }

    /// Records of `symbol` whose time lies in `window`, decoded from segments, in order. Does not check
    /// coverage; ``ArchiveSource`` does.
    public func records<Record: ArchivableRecord>(
        _ symbol: Symbol, in window: TimeWindow, as type: Record.Type = Record.self
    ) throws(TapeDeckError) -> [Record] {
        var result: [Record] = []
        try forEachPiece(symbol, in: window, as: Record.self) { piece, expected in
            // Sized once: growing by doubling would copy a day of quotes several times and hold two at the peak.
            if result.isEmpty { result.reserveCapacity(expected) }
            result += piece
        }
        return result
    }

    /// The records of ``records(_:in:as:)`` one segment at a time, each handed to `body` with the number
    /// the overlapping segments hold in all (at least the total); only one segment's payload is read at a
    /// time, so a day is never in memory twice.
    public func forEachPiece<Record: ArchivableRecord>(
        _ symbol: Symbol, in window: TimeWindow, as type: Record.Type = Record.self, _ body: (_ piece: [Record], _ expected: Int) -> Void
    ) throws(TapeDeckError) {
        let outline = try read { db in
            try SegmentRow
                .select(Column("id"), Column("count"))
                .filter(Column("symbol") == symbol.rawValue && Column("kind") == Record.kind.rawValue)
                .filter(Column("end") > window.start.nanoseconds && Column("start") < window.end.nanoseconds)
                .order(Column("start"))
                .asRequest(of: Row.self)
                .fetchAll(db)
                .map { (id: $0["id"] as Int64, count: $0["count"] as Int) }
        }
        let expected = outline.reduce(0) { $0 + $1.count }
        for segment in outline {
            guard let row = try read({ db in try SegmentRow.fetchOne(db, key: segment.id) }) else {
                throw .corruptArchive(path, row: "segment \(segment.id)", "it disappeared while being read (another process rewrote the archive); run again")
            }
            let records: [Record] = try decode(row)
            if window.start.nanoseconds <= row.start && row.end <= window.end.nanoseconds {
                body(records, expected)
            } else {
                body(records.filter { window.contains($0.tapeTime) }, expected)
            }
        }
    }

    /// The raw responses of one coverage row, in order.
    public func responses(coverageID: Int64) throws(TapeDeckError) -> [ResponseRow] {
        try read { db in
            try ResponseRow.filter(Column("coverageID") == coverageID).order(Column("ordinal")).fetchAll(db)
        }
    }

    /// The body of a response row, inflated and checked against its size and SHA-256.
    public func body(of row: ResponseRow) throws(TapeDeckError) -> [UInt8] {
        try inflated(row.body, rawSize: row.rawSize, sha256: row.sha256, row: "response \(row.id ?? 0) (\(row.request))")
    }

    /// A stored zlib body, inflated and checked against its size and SHA-256; `row` names it in errors.
    func inflated(_ stored: Data, rawSize: Int, sha256: Data, row name: String) throws(TapeDeckError) -> [UInt8] {
        guard let body = stored.withUnsafeBytes({ Zlib.decompress($0, rawSize: rawSize) }) else {
            throw .corruptArchive(path, row: name, "the zlib body does not inflate to \(rawSize) bytes")
        }
        guard Archive.sha256(body) == sha256 else {
            throw .corruptArchive(path, row: name, "SHA-256 of the body does not match")
        }
        return body
    }
}

extension Archive {
    /// Every recorded response's row id and canonical request, without bodies, in id order: the index an
    /// exact replay looks requests up in.
    public func recordedRequests() throws(TapeDeckError) -> [(id: Int64, request: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, request FROM responses WHERE status = 200 ORDER BY id").map { row in
                (id: row["id"], request: row["request"])
            }
        }
    }

    /// The response row `id`, or `nil`.
    public func response(id: Int64) throws(TapeDeckError) -> ResponseRow? {
        try read { db in try ResponseRow.fetchOne(db, key: id) }
    }
}
