/// When a ``Recorder`` calls its source, with vcrpy's record modes translated to an archive.
///
/// vcrpy's unit is a cassette file; TapeDeck's is one symbol, kind and New York trading day ("a
/// symbol-day"), so recording AAPL into an archive that already holds SPY is not blocked by `once`.
public enum RecordingMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Record a symbol-day that has no recording yet; replay one that has any, and treat a gap in it
    /// as an error (``TapeDeckError/Code/notRecorded``) instead of fetching it. Strict: a
    /// half-recorded day (after Ctrl-C) stays half-recorded until you use ``new``.
    case once
    /// Replay what is recorded and record only what is missing — gaps in coverage, plus provisional
    /// data (fetched while its session was open) older than 24 h. Resumes interrupted recordings; the
    /// default of `tapedeck record`.
    case new
    /// Re-record everything asked for, never replaying; each chunk replaces the rows it overlaps in the
    /// same transaction, so a failure keeps the old recording.
    case all
    /// Never call the source: replay only, and a gap is a ``TapeDeckError/Code/notRecorded`` error.
    case none

    public var description: String { rawValue }
}
