/// One SIP sale condition as Polygon's `GET /v3/reference/conditions` describes it: its id, name and how
/// a trade carrying it may update a consolidated bar (`update_rules.consolidated`).
public struct TradeCondition: Hashable, Sendable {
    /// The condition id, as it appears in a trade's `conditions` array.
    public var id: Int32
    public var name: String
    /// `update_rules.consolidated`: the rule for consolidated (all-venue) bars, the only bars Polygon serves.
    public var consolidated: BarEligibility

    public init(id: Int32, name: String, consolidated: BarEligibility) {
        self.id = id
        self.name = name
        self.consolidated = consolidated
    }
}

/// Which part of a trading day a minute bar (or a trade) lies in, for the bar rules that differ by session.
public enum BarSession: Hashable, Sendable {
    /// 09:30 to the close (16:00, or 13:00 on an early close).
    case regular
    /// Pre-market (04:00–09:30) or after-hours (the close to 20:00, or 17:00).
    case extended

    /// The session of `instant` on its New York trading day: ``regular`` inside the regular session, else
    /// ``extended`` (closed days and instants outside 04:00–20:00 count as extended too).
    public static func of(_ instant: Timestamp, calendar: SessionCalendar = .nyse) -> BarSession {
        let date = NewYorkTime.date(of: instant)
        guard let sessions = try? calendar.sessions(on: date) else { return .extended }
        return sessions.regular.contains(instant) ? .regular : .extended
    }
}
