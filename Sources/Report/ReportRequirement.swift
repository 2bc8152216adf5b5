/// One distinct declared window of the run's adapters (`bars 1min, 30 min`), drawn as one shaded lane.
public struct ReportRequirement: Hashable, Sendable {
    /// The requirement as `tapedeck adapters list` prints it.
    public var label: String
    /// The lookback in minutes, or `nil` for a lookback in sessions.
    public var minutes: Int?
    /// The lookback in sessions (0 = the entry's day from 04:00), or `nil` for one in minutes.
    public var sessions: Int?

    public init(label: String, minutes: Int? = nil, sessions: Int? = nil) {
        self.label = label
        self.minutes = minutes
        self.sessions = sessions
    }
}
