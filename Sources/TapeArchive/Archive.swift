import Crypto
import Foundation
import GRDB
import MarketData
import TapeCodec

/// An archive file: one SQLite database in WAL mode holding raw responses, columnar segments and
/// coverage for any number of symbols, kinds and days.
///
/// Readers and one writer work concurrently (GRDB's `DatabasePool`): a backtest can replay one symbol
/// while a recorder writes another. Every chunk commits in one transaction (see
/// ``commit(_:replacing:)``), so an interrupted recording leaves a consistent file.
///
/// ## Topics
/// - ``Recorder`` writes it; ``ArchiveSource`` replays it; ``verify()`` and ``info()`` inspect it.
public final class Archive: Sendable {
    /// The file's path, as given.
    public let path: String
    /// A `DatabasePool` (WAL: readers beside one writer), or, for a reader in a place it cannot write
    /// (a read-only folder or mount), an immutable read-only connection.
    package let pool: any DatabaseWriter

    /// Opens (creating if needed) an archive for reading and writing.
    ///
    /// - Throws: ``TapeDeckError/Code/newerArchiveSchema`` for a file from a newer tapedeck,
    ///   ``TapeDeckError/Code/archiveUnavailable`` when SQLite cannot open it.
    public convenience init(path: String) throws(TapeDeckError) {
        try self.init(path: path, readOnly: false)
    }

    /// Opens an existing archive; `readOnly` never writes (not even the schema stamp), and works in
    /// read-only folders and mounts too (shared datasets, container volumes, the workers of a sharded run).
    ///
    /// Creating and migrating holds an exclusive `flock` on the file, so recorders starting at once on a
    /// new archive take turns instead of failing.
    public init(path: String, readOnly: Bool) throws(TapeDeckError) {
        self.path = path
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw .archiveUnavailable(path, "no such file")
        }
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        configuration.label = "TapeArchive"
        guard !readOnly else {
            pool = try Archive.openForReading(path, configuration)
            do {
                try pool.read { db in try ArchiveSchema.checkIdentity(db, path: path) }
                let stored = try pool.read { db in try ArchiveSchema.storedVersion(db) }
                guard let stored else { throw TapeDeckError.archiveUnavailable(path, "not a TapeDeck archive (no meta table)") }
                if stored.version > ArchiveSchema.currentVersion {
                    throw TapeDeckError.newerArchiveSchema(
                        path, found: stored.version, supported: ArchiveSchema.currentVersion, writer: stored.writer)
                }
            } catch {
                throw Archive.wrap(error, path)
            }
            return
        }
        let lock = try FileLock(path)
        defer { lock.release() }
        do {
            // Look before opening the pool, which would switch a foreign database to WAL mode.
            var peek = configuration
            peek.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: peek)
            try queue.read { db in try ArchiveSchema.checkIdentity(db, path: path) }
            try queue.close()
            pool = try DatabasePool(path: path, configuration: configuration)
            try ArchiveSchema.prepare(pool, path: path)
        } catch {
            throw Archive.wrap(error, path)
        }
    }

    /// A WAL database can be read only where its `-shm` index can be created; elsewhere (a read-only
    /// folder or mount) the file is opened immutable — safe because nothing can write there either —
    /// unless its `-wal` still holds transactions the file itself lacks, which immutable reading would miss.
    static func openForReading(_ path: String, _ configuration: Configuration) throws(TapeDeckError) -> any DatabaseWriter {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return pool
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) {
            let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            guard walSize == 0 else {
                throw .archiveUnavailable(
                    path,
                    "it lies where it cannot be written and its write-ahead log \(path)-wal still holds \(walSize) bytes not folded into it; open it once where it is writable (e.g. `tapedeck archive verify` on a copy) or copy both files"
                )
            }
            do {
                let escaped = path.unicodeScalars.map { scalar in
                    "%?#".unicodeScalars.contains(scalar) ? String(format: "%%%02X", scalar.value) : String(scalar)
                }.joined()
                return try DatabaseQueue(path: "file:\(escaped)?immutable=1", configuration: configuration)
            } catch {
                throw .archiveUnavailable(path, reason(error))
            }
        } catch {
            throw wrap(error, path)
        }
    }

    /// A one-line reason from a GRDB or other error.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error.resultCode)")"
        }
        return "\(error)"
    }

    /// Passes ``TapeDeckError``s through; wraps anything else as `archiveUnavailable`.
    static func wrap(_ error: any Error, _ path: String) -> TapeDeckError {
        if let error = error as? TapeDeckError { return error }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            return .corruptArchive(path, row: "the SQLite file", reason(error))
        }
        return .archiveUnavailable(path, reason(error))
    }

    /// Runs `body` in a read transaction, mapping errors to ``TapeDeckError``.
    package func read<T>(_ body: (Database) throws -> T) throws(TapeDeckError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Archive.wrap(error, path)
        }
    }

    /// Runs `body` in one write transaction, mapping errors to ``TapeDeckError``.
    func write<T>(_ body: (Database) throws -> T) throws(TapeDeckError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw Archive.wrap(error, path)
        }
    }

    package static func sha256(_ bytes: some DataProtocol) -> Data {
        Data(SHA256.hash(data: bytes))
    }
}
