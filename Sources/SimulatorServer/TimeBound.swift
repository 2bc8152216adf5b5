import MarketData

/// Polygon's time parameters: `timestamp`, `timestamp.gte/.gt/.lte/.lt` on trades and quotes (a date, a
/// nanosecond integer or an RFC 3339 instant) and `from`/`to` on aggregates (a date or milliseconds).
///
/// A date means its whole New York day: `gte`/`lt` use the day's start, `gt`/`lte` its end, and
/// `timestamp=DATE` the day itself — the reading that makes `timestamp.gte=D1&timestamp.lte=D2` cover the
/// days D1 through D2, as Polygon's examples use it.
enum TimeBound {
    /// Every instant the session calendar covers: New York midnight 2000-01-01 to 2036-01-01.
    static let calendarRange = TimeWindow(
        uncheckedStart: NewYorkTime.instant(LocalDate(year: SessionCalendar.firstYear, month: 1, day: 1)!, hour: 0, minute: 0),
        end: NewYorkTime.instant(LocalDate(year: SessionCalendar.lastYear + 1, month: 1, day: 1)!, hour: 0, minute: 0))

    enum Parsed {
        case instant(Timestamp)
        case day(TimeWindow)
    }

    /// Parses a v3 `timestamp*` value.
    static func parseNanosecondsParameter(_ text: Substring, name: String) throws(PolygonError) -> Parsed {
        if let ns = Int64(text) { return .instant(Timestamp(nanoseconds: ns)) }
        return try parseDateOrInstant(text, name: name)
    }

    /// Parses an aggregate `from`/`to` path value.
    static func parseMillisecondsParameter(_ text: Substring, name: String) throws(PolygonError) -> Parsed {
        if let ms = Int64(text) {
            guard let instant = try? Timestamp(milliseconds: ms) else {
                throw .badRequest(
                    "Could not parse the '\(name)' parameter '\(text)': it is outside \(Timestamp.earliest) through \(Timestamp.latest), the instants a nanosecond timestamp holds."
                )
            }
            return .instant(instant)
        }
        return try parseDateOrInstant(text, name: name)
    }

    /// A date (its New York day) or an RFC 3339 instant; a time beyond the instants a nanosecond
    /// timestamp holds is a 400 naming the value and the range, found before any work is done.
    private static func parseDateOrInstant(_ text: Substring, name: String) throws(PolygonError) -> Parsed {
        if text.utf8.count == 10, let date = try? LocalDate(parsing: String(text)) {
            // Midnight always exists in New York (the clocks change at 02:00), so only the range can fail.
            guard let start = try? NewYorkTime.timestamp(date: date, secondOfDay: 0),
                let end = try? NewYorkTime.timestamp(date: date.adding(days: 1), secondOfDay: 0)
            else { throw outOfRange(text, name: name) }
            return .day(TimeWindow(uncheckedStart: start, end: end))
        }
        if text.contains("T"), text.hasSuffix("Z") || text.dropFirst(19).contains(where: { $0 == "+" || $0 == "-" }) {
            do {
                return .instant(try Timestamp(parsing: String(text)))
            } catch let error where error.code == .timeOutOfRange {
                throw outOfRange(text, name: name)
            } catch {
                // Not an RFC 3339 time: the generic message below.
            }
        }
        throw .badRequest(
            "Could not parse the '\(name)' parameter '\(text)': expected a date (YYYY-MM-DD), a Unix timestamp or an RFC 3339 time."
        )
    }

    /// The 400 for a time beyond the instants a 64-bit nanosecond timestamp holds.
    static func outOfRange(_ text: Substring, name: String) -> PolygonError {
        .badRequest(
            "Could not parse the '\(name)' parameter '\(text)': it is outside \(Timestamp.earliest) through \(Timestamp.latest), the instants a nanosecond timestamp holds."
        )
    }

    /// The window selected by the v3 time parameters of a query; unbounded sides stay open.
    static func window(query: [String: Substring]) throws(PolygonError) -> TimeWindow {
        var lower = Timestamp(nanoseconds: .min)
        var upper = Timestamp(nanoseconds: .max)
        func raise(_ value: Timestamp) { lower = max(lower, value) }
        func cap(_ value: Timestamp) { upper = min(upper, value) }
        if let text = query["timestamp"] {
            switch try parseNanosecondsParameter(text, name: "timestamp") {
            case .instant(let t):
                raise(t)
                cap(t.successor)
            case .day(let w):
                raise(w.start)
                cap(w.end)
            }
        }
        for (name, isLower, inclusive) in [
            ("timestamp.gte", true, true), ("timestamp.gt", true, false), ("timestamp.lte", false, true),
            ("timestamp.lt", false, false),
        ] {
            guard let text = query[name] else { continue }
            switch (try parseNanosecondsParameter(text, name: name), isLower, inclusive) {
            case (.instant(let t), true, true): raise(t)
            case (.instant(let t), true, false): raise(t.successor)
            case (.instant(let t), false, true): cap(t.successor)
            case (.instant(let t), false, false): cap(t)
            case (.day(let w), true, true): raise(w.start)
            case (.day(let w), true, false): raise(w.end)
            case (.day(let w), false, true): cap(w.end)
            case (.day(let w), false, false): cap(w.start)
            }
        }
        return TimeWindow(uncheckedStart: lower, end: max(lower, upper))
    }
}

extension Timestamp {
    /// The next nanosecond, saturating at the largest instant.
    var successor: Timestamp { nanoseconds == .max ? self : advanced(by: 1) }
}
