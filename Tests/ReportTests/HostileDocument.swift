import Backtest
import MarketData
import Report
import Verification

/// A small hand-built document whose outside texts (source label, signal id, audit messages) are all
/// `text`, with one entry, three adapters and an audit of pass, inconclusive and fail.
enum HostileDocument {
    static func make(_ text: String) -> ReportDocument {
        let date = LocalDate(year: 2024, month: 3, day: 15)!
        let midnight = NewYorkTime.instant(date, hour: 0, minute: 0)
        let entry = NewYorkTime.instant(date, hour: 10, minute: 0)
        let sessions = try! SessionCalendar.nyse.sessions(on: date)
        let bars = (0..<30).map { minute in
            Bar(
                start: entry.advanced(by: Int64(minute - 30) * Timestamp.nanosecondsPerMinute), timeframe: .minute1, open: 100,
                high: 101, low: 99, close: minute % 2 == 0 ? 100.5 : 99.5, volume: 1000, vwap: nil, transactions: nil, otc: false)
        }
        let day = ReportDay(symbol: "SPY", date: date, midnight: midnight, sessions: sessions, bars: bars)
        let adapters = [
            ReportAdapter(name: "Good", summary: text, outputs: ["value"], requirements: [0]),
            ReportAdapter(name: "Empty", summary: "no value", outputs: ["value"], requirements: [0]),
            ReportAdapter(name: "Peek", summary: "reads the future", outputs: ["value"], requirements: [0]),
        ]
        let failure = Difference(origin: .audit(.guardRail, adapter: "Peek"), entry: text, column: "Peek.value", expected: "1", actual: "2", detail: text)
        let audit = ReportAudit(
            checks: ["guard"], verdicts: [[.pass, .inconclusive, .fail(failure)]],
            summaries: [text, "guard PASS (0 of 1 failed)", "guard FAIL (1 of 1 failed)"],
            passed: [true, true, false], notes: [text], withoutFuture: [false])
        return ReportDocument(
            source: text, digest: "0123", adapters: adapters, requirements: [ReportRequirement(label: "bars 1min, 30 min", minutes: 30)],
            entries: [
                ReportEntry(
                    id: text, symbol: "SPY", entry: entry, day: 0, values: [100.25, nil, 1],
                    windowStarts: [entry.advanced(by: -30 * Timestamp.nanosecondsPerMinute)])
            ],
            days: [day], coverage: nil, coverageNote: text, audit: audit, spanSeconds: 1800, tapeSeconds: 120)
    }
}
