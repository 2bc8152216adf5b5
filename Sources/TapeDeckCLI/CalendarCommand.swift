import ArgumentParser
import Foundation
import MarketData

/// `tapedeck calendar`: the NYSE sessions and closures of a date range.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "List trading days with their session times, and closed weekdays with the holiday's name.",
        discussion: """
            Times are shown in New York time and in UTC (ISO-8601). Pre-market opens at 04:00, the regular \
            session runs 09:30-16:00 (13:00 on early closes) and post-market ends at 20:00 (17:00 on early \
            closes). Without --from and --to the current year is listed.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(help: "First date, YYYY-MM-DD (default: January 1st of the current year).")
    var from: String?

    @Option(help: "Last date, YYYY-MM-DD (default: December 31st of --from's year).")
    var to: String?

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func run() throws {
        let first: LocalDate
        if let from {
            first = try LocalDate(parsing: from)
        } else {
            let now = Timestamp(nanoseconds: Int64(Date().timeIntervalSince1970 * 1e9))
            first = LocalDate(year: NewYorkTime.date(of: now).year, month: 1, day: 1)!
        }
        let last =
            try to.map { text throws(TapeDeckError) in try LocalDate(parsing: text) }
            ?? LocalDate(year: first.year, month: 12, day: 31)!
        guard first <= last else {
            throw ValidationError("--from \(first) is after --to \(last); swap them")
        }
        let rows = try CalendarRow.rows(from: first, through: last)
        switch format {
        case .table: try Console.write(CalendarRow.table(rows))
        case .json: try Console.write(CalendarRow.json(rows))
        }
    }
}
