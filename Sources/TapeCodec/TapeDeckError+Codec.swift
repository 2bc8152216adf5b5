import MarketData

extension TapeDeckError.Code {
    /// A hash, size or structure check of an archive row failed.
    public static let corruptArchive = Self(rawValue: "corruptArchive")
    /// The archive was written by a newer TapeDeck with a schema this build cannot read.
    public static let newerArchiveSchema = Self(rawValue: "newerArchiveSchema")
    /// A segment written by an older codec that this build no longer reads; `archive rebuild` renews it.
    public static let outdatedSegment = Self(rawValue: "outdatedSegment")
}

extension TapeDeckError {
    /// A row failed a hash, size or decoding check.
    public static func corruptArchive(_ path: String, row: String, _ reason: String) -> Self {
        Self(
            .corruptArchive,
            "archive \(path) is corrupt at \(row): \(reason); run `tapedeck archive verify \(path)` and re-record that window with --mode all"
        )
    }
}
