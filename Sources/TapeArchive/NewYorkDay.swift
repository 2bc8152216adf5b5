import MarketData

/// New York calendar-day arithmetic shared by chunk planning, coverage and the cache.
enum NewYorkDay {
    /// [00:00, next 00:00) New York time of `date` (23 or 25 hours on DST days).
    static func window(_ date: LocalDate) -> TimeWindow {
        TimeWindow(uncheckedStart: midnight(date), end: midnight(date.adding(days: 1)))
    }

    static func midnight(_ date: LocalDate) -> Timestamp {
        // Midnight always exists in New York (DST switches at 02:00).
        (try? NewYorkTime.timestamp(date: date, secondOfDay: 0))
            ?? Timestamp(date: date, secondOfDay: 0, utcOffsetSeconds: NewYorkTime.standardOffsetSeconds)
    }

    /// Whether `date`'s last session (post-market) had ended at `now`; for a closed day, whether the
    /// day had ended.
    static func sessionClosed(_ date: LocalDate, at now: Timestamp) -> Bool {
        let end = (try? SessionCalendar.nyse.sessions(on: date).postMarketClose) ?? window(date).end
        return now >= end
    }

    /// `window` cut at New York midnights: one piece per day, with its date.
    static func split(_ window: TimeWindow) -> [(date: LocalDate, window: TimeWindow)] {
        var pieces: [(LocalDate, TimeWindow)] = []
        var cursor = window.start
        while cursor < window.end {
            let date = NewYorkTime.date(of: cursor)
            let end = min(window.end, midnight(date.adding(days: 1)))
            pieces.append((date, TimeWindow(uncheckedStart: cursor, end: end)))
            cursor = end
        }
        return pieces
    }
}
