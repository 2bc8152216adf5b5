import GRDB
import MarketData

/// The archive's SQL schema and its versions.
///
/// `meta` holds `schemaVersion` (an integer) and `writerVersion` (the tapedeck version that last
/// migrated the file). A file whose `schemaVersion` is above ``currentVersion`` is refused with
/// ``TapeDeckError/Code/newerArchiveSchema`` before anything is read or written.
public enum ArchiveSchema {
    /// The schema this build writes and reads.
    public static let currentVersion = 1
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

    /// Refuses newer schemas, then migrates and stamps `meta`.
    static func prepare(_ writer: some DatabaseWriter, path: String) throws {
        try writer.write { db in
            if let stored = try storedVersion(db), stored.version > currentVersion {
                throw TapeDeckError.newerArchiveSchema(path, found: stored.version, supported: currentVersion, writer: stored.writer)
            }
        }
        try migrator.migrate(writer)
        try writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('schemaVersion', ?), ('writerVersion', ?)",
                arguments: [String(currentVersion), writerVersion]
            )
        }
    }
}
