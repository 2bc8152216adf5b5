import MarketData
import TapeCodec

extension TapeDeckError.Code {
    /// The archive file could not be opened, read or written (SQLite error, missing file, full disk).
    public static let archiveUnavailable = Self(rawValue: "archiveUnavailable")
    /// A response to be recorded contained a credential; it was not stored.
    public static let secretInResponse = Self(rawValue: "secretInResponse")
}

extension TapeDeckError {
    /// The file's schema is newer than this build understands.
    public static func newerArchiveSchema(_ path: String, found: Int, supported: Int, writer: String) -> Self {
        Self(
            .newerArchiveSchema,
            "archive \(path) has schema version \(found) (written by tapedeck \(writer)), newer than the \(supported) this build reads; upgrade tapedeck"
        )
    }

    /// SQLite could not open, read or write the file.
    public static func archiveUnavailable(_ path: String, _ reason: String) -> Self {
        Self(.archiveUnavailable, "cannot use archive \(path): \(reason); check the path, permissions and free disk space")
    }

    /// A replay asked for a window the archive does not cover.
    ///
    /// - Parameter command: the exact `tapedeck record …` command that fills the gap.
    public static func notRecorded(
        symbol: Symbol, kind: DataKind, missing: TimeWindow, archive: String, command: String
    ) -> Self {
        Self(
            .notRecorded,
            "\(symbol) \(kind) for \(missing.start.newYorkISO8601) to \(missing.end.newYorkISO8601) is not recorded in \(archive); record it with: \(command)"
        )
    }
}

extension TapeDeckError.Code {
    /// Archives read or merged as one carry different trade-condition tables.
    public static let conflictingConditionTables = Self(rawValue: "conflictingConditionTables")
}
