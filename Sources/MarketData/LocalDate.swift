/// A calendar date without a time zone (proleptic Gregorian), such as a trading day "2024-03-15".
///
/// Stored as days since 1970-01-01 so that comparison, hashing and stepping are integer operations.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// Creates a date from its parts, or `nil` when they name no real day (2023-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.daysSinceEpoch = LocalDate.days(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`.
    public init(parsing text: String) throws(TapeDeckError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = DecimalDigits.value(bytes[0..<4]),
            let month = DecimalDigits.value(bytes[5..<7]),
            let day = DecimalDigits.value(bytes[8..<10])
        else { throw .invalidDate(text, "expected YYYY-MM-DD") }
        guard let date = LocalDate(year: year, month: month, day: day) else {
            throw .invalidDate(text, "no such day in the calendar")
        }
        self = date
    }

    /// Year, month (1-12) and day (1-31).
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days, exact for every Int day count in range.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// Day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((daysSinceEpoch % 7) + 7 + 4) % 7
        return Weekday(rawValue: index)!
    }

    /// Whether the date falls on Saturday or Sunday.
    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }

    /// The date `days` later (or earlier, when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return DecimalDigits.padded(y, width: 4) + "-" + DecimalDigits.padded(m, width: 2) + "-"
            + DecimalDigits.padded(d, width: 2)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    /// Howard Hinnant's days_from_civil.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Day of the week, Sunday first as in the US calendar.
public enum Weekday: Int, Sendable, CaseIterable {
    case sunday, monday, tuesday, wednesday, thursday, friday, saturday
}

extension LocalDate {
    /// The `n`th (1-based) given weekday of a month, e.g. the third Monday of January.
    static func nth(_ n: Int, _ weekday: Weekday, month: Int, year: Int) -> LocalDate {
        let first = LocalDate(year: year, month: month, day: 1)!
        let offset = (weekday.rawValue - first.weekday.rawValue + 7) % 7
        return first.adding(days: offset + 7 * (n - 1))
    }

    /// The last given weekday of a month, e.g. the last Monday of May.
    static func last(_ weekday: Weekday, month: Int, year: Int) -> LocalDate {
        let lastDay = LocalDate(year: year, month: month, day: daysIn(month: month, year: year))!
        let offset = (lastDay.weekday.rawValue - weekday.rawValue + 7) % 7
        return lastDay.adding(days: -offset)
    }
}

/// Small helpers for fixed-width decimal fields; no Foundation formatters in the model.
enum DecimalDigits {
    /// The value of an all-digit byte slice, or `nil` if any byte is not 0-9.
    static func value(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var result = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            result = result * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return result
    }

    /// `value` in decimal, left-padded with zeros to `width` digits (a sign, if any, comes first).
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let body = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + body : body
    }
}
