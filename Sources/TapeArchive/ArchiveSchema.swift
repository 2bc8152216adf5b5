import GRDB
import MarketData
import TapeCodec

/// The archive's SQL schema and its versions.
///
/// `meta` holds `schemaVersion` (an integer) and `writerVersion` (the tapedeck version that last
/// migrated the file). A file whose `schemaVersion` is above ``currentVersion`` is refused with
/// ``TapeDeckError/Code/newerArchiveSchema`` before anything is read or written.
public enum ArchiveSchema {
    /// The schema this build writes and reads. Version 2 added `conditions` (the archive's trade-condition
    /// table); a version-1 file is migrated when opened for writing and read as having the built-in table.
    public static let currentVersion = 3
    /// Recorded in `meta.writerVersion`.
    public static let writerVersion = "tapedeck 0.1.0"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "coverage") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("symbol", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("day", .text).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("recordedAt", .integer).notNull()
                t.column("sessionClosed", .boolean).notNull()
            }
            try db.create(index: "coverage_by_window", on: "coverage", columns: ["symbol", "kind", "start"])
            try db.create(table: "segments") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("coverageID", .integer).notNull().references("coverage", onDelete: .cascade)
                t.column("symbol", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("day", .text).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("firstTime", .integer)
                t.column("lastTime", .integer)
                t.column("count", .integer).notNull()
                t.column("codecVersion", .integer).notNull()
                t.column("rawSize", .integer).notNull()
                t.column("payload", .blob).notNull()
                t.column("sha256", .blob).notNull()
            }
            try db.create(index: "segments_by_window", on: "segments", columns: ["symbol", "kind", "start"])
            try db.create(index: "segments_by_coverage", on: "segments", columns: ["coverageID"])
            try db.create(table: "responses") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("coverageID", .integer).notNull().references("coverage", onDelete: .cascade)
                t.column("ordinal", .integer).notNull()
                t.column("request", .text).notNull()
                t.column("status", .integer).notNull()
                t.column("body", .blob).notNull()
                t.column("sha256", .blob).notNull()
                t.column("rawSize", .integer).notNull()
                t.column("recordedAt", .integer).notNull()
            }
            try db.create(index: "responses_by_coverage", on: "responses", columns: ["coverageID", "ordinal"])
        }
        migrator.registerMigration("v2") { db in
            // The raw `/v3/reference/conditions` pages (or the built-in table in that shape) the archive's
            // bars and trade eligibility follow; `origin` says which (see ``ConditionsRow``).
            try db.create(table: "conditions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ordinal", .integer).notNull()
                t.column("origin", .text).notNull()
                t.column("request", .text).notNull()
                t.column("status", .integer).notNull()
                t.column("body", .blob).notNull()
                t.column("sha256", .blob).notNull()
                t.column("rawSize", .integer).notNull()
                t.column("recordedAt", .integer).notNull()
            }
        }
        migrator.registerMigration("v3") { db in
            // How each chunk was recorded: `rest` (pages, with their raw responses) or `stream` (the
            // WebSocket feed: millisecond times, no raw responses). See ``CoverageRow/origin``.
            try db.alter(table: "coverage") { t in
                t.add(column: "origin", .text).notNull().defaults(to: ChunkOrigin.rest.rawValue)
            }
        }
        return migrator
    }

    /// The `schemaVersion` in `meta`, or `nil` for a file without one (new or not an archive).
    static func storedVersion(_ db: Database) throws -> (version: Int, writer: String)? {
        guard try db.tableExists("meta") else { return nil }
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schemaVersion'") else {
            return nil
        }
        let writer = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'writerVersion'") ?? "unknown"
        return (Int(text) ?? Int.max, writer)
    }

    /// SQLite's `application_id` of a TapeDeck archive: "TAPE" in ASCII, so `file(1)` and TapeDeck can
    /// tell an archive from any other SQLite database.
    public static let applicationID: Int32 = 0x5441_5045

    /// Throws unless the database is a TapeDeck archive or empty: its `application_id` is TapeDeck's, or
    /// it is 0 and the file is empty or an archive written before archives were stamped (it has `meta`
    /// with a `schemaVersion`). Nothing is written to a foreign database.
    static func checkIdentity(_ db: Database, path: String) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if id == applicationID { return }
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if id == 0, tables.isEmpty { return }
        if id == 0, try storedVersion(db) != nil { return }
        let what = id != 0 ? "its application_id is \(id), not TapeDeck's" : "its tables (\(tables.prefix(5).joined(separator: ", "))) are not an archive's"
        throw TapeDeckError.archiveUnavailable(path, "it is an SQLite database but not a TapeDeck archive (\(what)); nothing was changed, pick another file")
    }

    /// Refuses foreign databases and newer schemas, then migrates and stamps `meta` and `application_id`.
    static func prepare(_ writer: some DatabaseWriter, path: String) throws {
        try writer.write { db in
            try checkIdentity(db, path: path)
            if let stored = try storedVersion(db), stored.version > currentVersion {
                throw TapeDeckError.newerArchiveSchema(path, found: stored.version, supported: currentVersion, writer: stored.writer)
            }
        }
        try migrator.migrate(writer)
        try writer.write { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('schemaVersion', ?), ('writerVersion', ?)",
                arguments: [String(currentVersion), writerVersion]
            )
        }
    }
}
