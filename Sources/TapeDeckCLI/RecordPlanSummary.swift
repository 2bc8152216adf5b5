import MarketData

/// The line `tapedeck record` prints before fetching anything: what it will record and what that costs.
struct RecordPlanSummary {
    var jobs: [RecordCommand.Job]
    /// Chunks still missing from the archive (each at least one request).
    var chunks: Int
    /// Requests besides the chunks' (the conditions table, once per archive).
    var extraRequests: Int
    /// The client's rate limit, if any.
    var requestsPerMinute: Int?
    /// Whether the source is a network API (requests cost time and quota).
    var live: Bool

    /// At least one request per chunk; pages beyond the first (50,000 records each) come on top.
    var estimatedRequests: Int { chunks + extraRequests }

    var text: String {
        var symbolDays = Set<String>()
        for job in jobs where !job.window.isEmpty {
            var day = NewYorkTime.date(of: job.window.start)
            let last = NewYorkTime.date(of: job.window.end.advanced(by: -1))
            while day <= last {
                if (try? SessionCalendar.nyse.isTradingDay(day)) == true { symbolDays.insert("\(job.symbol) \(day)") }
                day = day.adding(days: 1)
            }
        }
        let kinds = DataKind.allCases.filter { kind in jobs.contains { $0.kind == kind } }.map(\.rawValue)
        var line = "plan: \(symbolDays.count) symbol-days, \(kinds.joined(separator: "/")); \(chunks) chunks to fetch"
        guard live else { return line + " (in-process simulator, no requests)" }
        line += ", about \(estimatedRequests) requests"
        if let rate = requestsPerMinute, estimatedRequests > 0 {
            line += "; at \(rate) requests/minute that takes at least \(Self.duration(seconds: Double(estimatedRequests) * 60 / Double(rate)))"
        } else if estimatedRequests > 0 {
            line += " (no rate limit set; Polygon's free plan allows 5 per minute: --rate-limit 5)"
        }
        return line
    }

    /// `45 s`, `12 min`, `3 h 20 min`.
    static func duration(seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 { return "\(total) s" }
        let minutes = (total + 59) / 60
        if minutes < 60 { return "\(minutes) min" }
        return "\(minutes / 60) h \(minutes % 60) min"
    }
}
