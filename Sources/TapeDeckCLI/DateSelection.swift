import ArgumentParser
import Foundation
import MarketData

/// The days of `--date`/`--dates`: one date, a range `2024-03-11..2024-03-15`, or a comma list of
/// either; trading days in order, and the closed days with the reason, which are skipped, not errors.
struct DateSelection {
    var tradingDays: [LocalDate] = []
    var closed: [(LocalDate, String)] = []

    init(parsing text: String, calendar: SessionCalendar = .nyse) throws {
        var days = Set<LocalDate>()
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let bounds = part.components(separatedBy: "..")
            guard bounds.count <= 2 else {
                throw ValidationError("--dates \(part) is not a date or a range; use 2024-03-15 or 2024-03-11..2024-03-15")
            }
            let first = try LocalDate(parsing: bounds[0])
            let last = try LocalDate(parsing: bounds.count == 2 ? bounds[1] : bounds[0])
            guard first <= last else { throw ValidationError("--dates \(part) ends before it starts") }
            guard first.adding(days: 3660) >= last else {
                throw ValidationError("--dates \(part) spans more than ten years; record it in smaller ranges")
            }
            var day = first
            while day <= last {
                days.insert(day)
                day = day.adding(days: 1)
            }
        }
        guard !days.isEmpty else { throw ValidationError("--dates is empty; use 2024-03-15 or 2024-03-11..2024-03-15") }
        for day in days.sorted() {
            if let reason = try calendar.closure(on: day) {
                closed.append((day, reason))
            } else {
                tradingDays.append(day)
            }
        }
    }
}
