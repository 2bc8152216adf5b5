import MarketData

/// One line of `tapedeck calendar`: a trading day with its sessions, or a closed weekday with its reason.
struct CalendarRow: Equatable {
    let date: LocalDate
    let sessions: TradingSessions?
    let closure: String?

    /// Trading days and closed weekdays in `first...last`, in date order.
    static func rows(from first: LocalDate, through last: LocalDate) throws(TapeDeckError) -> [CalendarRow] {
        let calendar = SessionCalendar.nyse
        var rows: [CalendarRow] = []
        var day = first
        while day <= last {
            if let reason = try calendar.closure(on: day) {
                if !day.isWeekend { rows.append(CalendarRow(date: day, sessions: nil, closure: reason)) }
            } else {
                rows.append(CalendarRow(date: day, sessions: try calendar.sessions(on: day), closure: nil))
            }
            day = day.adding(days: 1)
        }
        return rows
    }

    /// A fixed-width table, New York time first and UTC in brackets.
    static func table(_ rows: [CalendarRow]) -> String {
        var out =
            "date        day  "
            + ["pre-market", "regular open", "regular close", "post-market close"]
            .map { $0.padding(toLength: 20) }.joined() + "note\n"
        for row in rows {
            let weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][row.date.weekday.rawValue]
            var line = "\(row.date)  \(weekday)  "
            if let sessions = row.sessions {
                for instant in [sessions.preMarketOpen, sessions.regularOpen, sessions.regularClose, sessions.postMarketClose] {
                    line += clock(instant).padding(toLength: 20)
                }
                line += sessions.isEarlyClose ? "early close" : ""
            } else {
                line += "closed".padding(toLength: 80) + (row.closure ?? "")
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// A JSON array, one object per line, keys sorted; instants in New York and UTC ISO-8601.
    static func json(_ rows: [CalendarRow]) -> String {
        var lines: [String] = []
        for row in rows {
            if let s = row.sessions {
                var fields = ["\"date\":\"\(row.date)\"", "\"early_close\":\(s.isEarlyClose)"]
                for (name, instant) in [
                    ("post_market_close", s.postMarketClose), ("pre_market_open", s.preMarketOpen),
                    ("regular_close", s.regularClose), ("regular_open", s.regularOpen),
                ] {
                    fields.append("\"\(name)_new_york\":\"\(instant.newYorkISO8601)\"")
                    fields.append("\"\(name)_utc\":\"\(instant.iso8601())\"")
                }
                fields.append("\"status\":\"open\"")
                lines.append("{" + fields.joined(separator: ",") + "}")
            } else {
                let reason = row.closure ?? ""  // fixed names from the calendar, no characters to escape
                lines.append("{\"date\":\"\(row.date)\",\"reason\":\"\(reason)\",\"status\":\"closed\"}")
            }
        }
        return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// `09:30 EDT (13:30Z)`.
    private static func clock(_ instant: Timestamp) -> String {
        let offset = NewYorkTime.utcOffsetSeconds(at: instant)
        let local = instant.wallClock(utcOffsetSeconds: offset).secondOfDay
        let utc = instant.wallClock().secondOfDay
        return hhmm(local) + (offset == NewYorkTime.daylightOffsetSeconds ? " EDT" : " EST") + " (" + hhmm(utc) + "Z)"
    }

    private static func hhmm(_ secondOfDay: Int) -> String {
        let h = secondOfDay / 3600
        let m = secondOfDay / 60 % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}

extension String {
    /// The string followed by spaces up to `length` characters.
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
