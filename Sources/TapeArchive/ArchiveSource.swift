import Foundation
import MarketData
import TapeCodec

/// Replays one or more ``Archive``s as a single ``MarketDataSource``, without any network.
///
/// Records come from the columnar segments, each checked against its SHA-256 before decoding. With
/// several archives (one per day or per shard, say) coverage is their union, a record held by more than
/// one is returned once, and two different records with one key are an error naming both. All archives
/// must carry the same trade-condition table. A window not fully covered throws
/// ``TapeDeckError/Code/notRecorded`` naming the symbol, kind, the first missing window and the
/// `tapedeck record …` command that fills it.
public struct ArchiveSource: MarketDataSource {
    /// The archives read, in the order given; never empty.
    public let archives: [Archive]

    /// The first (for a single archive, the only) archive.
    public var archive: Archive { archives[0] }

    public init(archive: Archive) {
        self.archives = [archive]
    }

    /// Several archives read as one; `archives` must not be empty.
    public init(archives: [Archive]) {
        precondition(!archives.isEmpty, "ArchiveSource needs at least one archive")
        self.archives = archives
    }

    /// Opens the file read-only.
    public init(path: String) throws(TapeDeckError) {
        self.init(archive: try Archive(path: path, readOnly: true))
    }

    /// Opens every file of `paths` read-only; a directory stands for its `*.tapedeck` files in name order.
    public init(paths: [String]) throws(TapeDeckError) {
        let files = try ArchiveSource.files(paths)
        var archives: [Archive] = []
        for file in files { archives.append(try Archive(path: file, readOnly: true)) }
        self.init(archives: archives)
    }

    /// The archive files `paths` name: files as given, directories expanded to their `*.tapedeck` files
    /// sorted by name, duplicates dropped.
    public static func files(_ paths: [String]) throws(TapeDeckError) -> [String] {
        guard !paths.isEmpty else { throw .archiveUnavailable("(none)", "no archive was given") }
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .archiveUnavailable(path, "no such file or directory")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let archives = names.filter { $0.hasSuffix(".tapedeck") }.sorted()
                guard !archives.isEmpty else {
                    throw .archiveUnavailable(path, "the directory holds no *.tapedeck files")
                }
                files += archives.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    public func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try report(replay(Bar.self, symbol, in: window), symbol, progress)
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try report(replay(Trade.self, symbol, in: window), symbol, progress)
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try report(replay(Quote.self, symbol, in: window), symbol, progress)
    }

    /// One segment at a time from a single archive (records of several archives are merged first).
    public func trades(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Trade], _ expected: Int) -> Void) async throws {
        try pieces(Trade.self, symbol, in: window, body)
    }

    /// One segment at a time from a single archive (records of several archives are merged first).
    public func quotes(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Quote], _ expected: Int) -> Void) async throws {
        try pieces(Quote.self, symbol, in: window, body)
    }

    private func pieces<Record: ArchivableRecord>(
        _ type: Record.Type, _ symbol: Symbol, in window: TimeWindow, _ body: (_ piece: [Record], _ expected: Int) -> Void
    ) throws {
        try checkRecorded(Record.self, symbol, in: window)
        let holding = try archives(holding: Record.kind, of: symbol, in: window)
        guard holding.count == 1 else {
            let records: [Record] = try merged(holding, symbol, in: window)
            return body(records, records.count)
        }
        try holding[0].forEachPiece(symbol, in: window, as: Record.self, body)
    }

    /// The archives with coverage of `symbol`'s `kind` in `window`: with one archive per symbol (a
    /// directory of them), a symbol's window is one archive's, read a segment at a time and never merged.
    private func archives(holding kind: DataKind, of symbol: Symbol, in window: TimeWindow) throws(TapeDeckError) -> [Archive] {
        guard archives.count > 1 else { return archives }
        var holding: [Archive] = []
        for archive in archives where try !archive.coverage(symbol, kind, overlapping: window).isEmpty { holding.append(archive) }
        return holding
    }

    /// The archives' recorded table, or the built-in one for archives that have none; archives with
    /// different tables cannot be read as one.
    public func conditionTable() async throws -> TradeConditionTable {
        try commonConditionTable()
    }

    /// Whether any of the archives holds split-adjusted bars (trades and quotes are always as traded).
    public func barsAreSplitAdjusted() throws(TapeDeckError) -> Bool {
        for archive in archives where try archive.barsAreSplitAdjusted() { return true }
        return false
    }

    /// The one table all archives share (see ``conditionTable()``).
    public func commonConditionTable() throws(TapeDeckError) -> TradeConditionTable {
        let first = try archive.effectiveConditionTable()
        for other in archives.dropFirst() {
            let table = try other.effectiveConditionTable()
            guard table == first else {
                throw TapeDeckError(
                    .conflictingConditionTables,
                    "\(archive.path) uses trade conditions \(first) but \(other.path) uses \(table); read or merge only archives recorded with the same table"
                )
            }
        }
        return first
    }

    /// The records of `window`, or `notRecorded` if any part of it is not covered.
    public func replay<Record: ArchivableRecord>(_ type: Record.Type, _ symbol: Symbol, in window: TimeWindow)
        throws(TapeDeckError) -> [Record]
    {
        try checkRecorded(Record.self, symbol, in: window)
        return try merged(archives(holding: Record.kind, of: symbol, in: window), symbol, in: window)
    }

    /// The records of `window` in `holding`, the archives that hold it: one archive's as they are, several
    /// archives' merged (a record held twice returned once, two records with one key an error).
    private func merged<Record: ArchivableRecord>(_ holding: [Archive], _ symbol: Symbol, in window: TimeWindow) throws(TapeDeckError)
        -> [Record]
    {
        if holding.count == 1 { return try holding[0].records(symbol, in: window) }
        var records: [Record] = []
        for archive in holding { records += try archive.records(symbol, in: window) as [Record] }
        _ = try TapeOrder.normalize(&records, symbol: symbol, kind: Record.kind)
        return records
    }

    /// Throws `notRecorded`, with the `tapedeck record` command that fills it, when part of `window` is
    /// not covered.
    private func checkRecorded<Record: ArchivableRecord>(_ type: Record.Type, _ symbol: Symbol, in window: TimeWindow) throws(TapeDeckError) {
        guard let missing = try gaps(symbol, Record.kind, in: window).first else { return }
        let paths = archives.map(\.path)
        throw .notRecorded(
            symbol: symbol, kind: Record.kind, missing: missing,
            archive: paths.count == 1 ? paths[0] : "any of " + paths.joined(separator: ", "),
            command: RecordInvocation.filling(missing, symbol: symbol, kind: Record.kind, archive: archive.path))
    }

    /// The parts of `window` that no archive covers, in order.
    public func gaps(_ symbol: Symbol, _ kind: DataKind, in window: TimeWindow) throws(TapeDeckError) -> [TimeWindow] {
        if archives.count == 1 { return try archive.gaps(symbol, kind, in: window) }
        var covered: [(Int64, Int64)] = []
        for archive in archives { covered += try archive.coverage(symbol, kind, overlapping: window).map { ($0.start, $0.end) } }
        return Archive.tradingTime(in: window).flatMap { Archive.gaps(in: $0, covered: covered) }
    }

    private func report<Record: ArchivableRecord>(_ records: [Record], _ symbol: Symbol, _ progress: ProgressHandler?)
        -> [Record]
    {
        progress?(FetchProgress(symbol: symbol, kind: Record.kind, chunksDone: 1, chunksTotal: 1, records: records.count, bytes: 0))
        return records
    }
}

/// Spells the `tapedeck record` command that records a window.
public enum RecordInvocation {
    /// `tapedeck record --symbols SPY --date 2024-03-15 --kinds trades --from 09:30 --to 16:00 --archive F`,
    /// one per New York day of `window` joined with `&&`; times round outwards to whole minutes, and a
    /// window reaching midnight ends `--to 24:00`.
    public static func filling(_ window: TimeWindow, symbol: Symbol, kind: DataKind, archive: String) -> String {
        NewYorkDay.split(window).map { date, piece in
            let dayStart = NewYorkDay.midnight(date).nanoseconds
            let minute = Timestamp.nanosecondsPerMinute
            let from = (piece.start.nanoseconds - dayStart) / minute
            let to = (piece.end.nanoseconds - dayStart + minute - 1) / minute
            return
                "tapedeck record --symbols \(symbol) --date \(date) --kinds \(kind) --from \(clock(from)) --to \(clock(to)) --archive \(shellQuoted(archive))"
        }.joined(separator: " && ")
    }

    /// `HH:MM` from minutes since midnight (wall-clock; DST days are rare enough to ignore here).
    static func clock(_ minutes: Int64) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (rest < 10 ? "0" : "") + String(rest)
    }

    static func shellQuoted(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
