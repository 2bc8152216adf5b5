/// The NYSE trading calendar for 2000 through 2035, in America/New_York time.
///
/// Holidays follow NYSE Rule 7.2 as published on nyse.com: a holiday on a Saturday is observed on the
/// Friday before, on a Sunday on the Monday after — except New Year's Day on a Saturday, which is not
/// observed (the Friday before ends an accounting year). Juneteenth is observed from 2022. Early closes
/// (13:00 regular close, 17:00 end of post-market) fall on July 3rd when Independence Day is a Tuesday
/// through Friday, on the day after Thanksgiving and on Christmas Eve when it is a Monday through
/// Thursday. Special closures and the few early closes that broke the rules (2002, 2003) are listed by
/// date. `tools/crosscheck-calendar.py` compares every regular session of 2000-2035 with the
/// `exchange_calendars` package's XNYS calendar.
public struct SessionCalendar: Sendable {
    /// The first year the calendar covers.
    public static let firstYear = 2000
    /// The last year the calendar covers.
    public static let lastYear = 2035

    /// The NYSE calendar.
    public static let nyse = SessionCalendar()

    /// Closures other than weekends, by day, with their names.
    private let closures: [Int: String]
    /// Days whose regular session ends at 13:00.
    private let earlyCloses: Set<Int>

    private init() {
        var closures: [Int: String] = [:]
        var earlyCloses: Set<Int> = []
        for year in SessionCalendar.firstYear...SessionCalendar.lastYear {
            for (date, name) in SessionCalendar.holidays(year: year) { closures[date.daysSinceEpoch] = name }
            for date in SessionCalendar.earlyCloses(year: year) { earlyCloses.insert(date.daysSinceEpoch) }
        }
        for (text, name) in SessionCalendar.specialClosures { closures[Self.day(text)] = name }
        for text in SessionCalendar.specialEarlyCloses { earlyCloses.insert(Self.day(text)) }
        for text in SessionCalendar.specialFullDays { earlyCloses.remove(Self.day(text)) }
        self.closures = closures
        self.earlyCloses = earlyCloses
    }

    /// Days since the epoch of one of the fixed dates below; the tests check each one names a real day
    /// (an unparsable entry would mark no day rather than stop the program).
    private static func day(_ text: String) -> Int {
        (try? LocalDate(parsing: text).daysSinceEpoch) ?? Int.min
    }

    /// Why the market is closed on `date` ("Saturday", "Christmas Day", …), or `nil` on a trading day.
    public func closure(on date: LocalDate) throws(TapeDeckError) -> String? {
        try checkRange(date)
        if date.weekday == .saturday { return "Saturday" }
        if date.weekday == .sunday { return "Sunday" }
        return closures[date.daysSinceEpoch]
    }

    /// Whether the market trades on `date`.
    public func isTradingDay(_ date: LocalDate) throws(TapeDeckError) -> Bool {
        try closure(on: date) == nil
    }

    /// Whether `date` is a trading day whose regular session ends at 13:00.
    public func isEarlyClose(_ date: LocalDate) throws(TapeDeckError) -> Bool {
        try isTradingDay(date) && earlyCloses.contains(date.daysSinceEpoch)
    }

    /// The sessions of a trading day; a closed day is an error naming the holiday.
    public func sessions(on date: LocalDate) throws(TapeDeckError) -> TradingSessions {
        if let reason = try closure(on: date) { throw .marketClosed(date, reason: reason) }
        return TradingSessions(date: date, isEarlyClose: earlyCloses.contains(date.daysSinceEpoch))
    }

    /// The last trading day strictly before `date`.
    public func previousTradingDay(before date: LocalDate) throws(TapeDeckError) -> LocalDate {
        var day = date.adding(days: -1)
        while try !isTradingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// The first trading day strictly after `date`.
    public func nextTradingDay(after date: LocalDate) throws(TapeDeckError) -> LocalDate {
        var day = date.adding(days: 1)
        while try !isTradingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// Every trading day in `first...last`, in order.
    public func tradingDays(from first: LocalDate, through last: LocalDate) throws(TapeDeckError) -> [LocalDate] {
        try checkRange(first)
        try checkRange(last)
        var days: [LocalDate] = []
        var day = first
        while day <= last {
            if try isTradingDay(day) { days.append(day) }
            day = day.adding(days: 1)
        }
        return days
    }

    /// Every weekday in `first...last` on which the market is closed, with the reason, in order.
    public func closedWeekdays(from first: LocalDate, through last: LocalDate) throws(TapeDeckError)
        -> [(date: LocalDate, reason: String)]
    {
        try checkRange(first)
        try checkRange(last)
        var days: [(LocalDate, String)] = []
        var day = first
        while day <= last {
            if !day.isWeekend, let reason = closures[day.daysSinceEpoch] { days.append((day, reason)) }
            day = day.adding(days: 1)
        }
        return days
    }

    private func checkRange(_ date: LocalDate) throws(TapeDeckError) {
        guard (SessionCalendar.firstYear...SessionCalendar.lastYear).contains(date.year) else {
            throw .outsideCalendar(date)
        }
    }

    /// Closures decided on the day rather than by rule.
    static let specialClosures: [(String, String)] = [
        ("2001-09-11", "closed after the September 11 attacks"),
        ("2001-09-12", "closed after the September 11 attacks"),
        ("2001-09-13", "closed after the September 11 attacks"),
        ("2001-09-14", "closed after the September 11 attacks"),
        ("2004-06-11", "national day of mourning for President Ronald Reagan"),
        ("2007-01-02", "national day of mourning for President Gerald Ford"),
        ("2012-10-29", "closed for Hurricane Sandy"),
        ("2012-10-30", "closed for Hurricane Sandy"),
        ("2018-12-05", "national day of mourning for President George H. W. Bush"),
        ("2025-01-09", "national day of mourning for President Jimmy Carter"),
    ]

    /// Early closes decided apart from the rules: in 2002 the Independence Day early close fell on Friday
    /// July 5th instead of Wednesday July 3rd, and in 2003 the day after Christmas closed at 13:00.
    static let specialEarlyCloses = ["2002-07-05", "2003-12-26"]

    /// Days the rules would make early closes but which ran a full session.
    static let specialFullDays = ["2002-07-03"]

    /// The rule-based holidays of a year, at their observed dates.
    static func holidays(year: Int) -> [(LocalDate, String)] {
        var days: [(LocalDate, String)] = []
        let newYear = LocalDate(year: year, month: 1, day: 1)!
        switch newYear.weekday {
        case .saturday: break  // not observed: Friday Dec 31 closes the accounting year
        case .sunday: days.append((newYear.adding(days: 1), "New Year's Day (observed)"))
        default: days.append((newYear, "New Year's Day"))
        }
        days.append((LocalDate.nth(3, .monday, month: 1, year: year), "Martin Luther King Jr. Day"))
        days.append((LocalDate.nth(3, .monday, month: 2, year: year), "Washington's Birthday"))
        days.append((easterSunday(year: year).adding(days: -2), "Good Friday"))
        days.append((LocalDate.last(.monday, month: 5, year: year), "Memorial Day"))
        if year >= 2022 {
            days.append(observed(LocalDate(year: year, month: 6, day: 19)!, "Juneteenth National Independence Day"))
        }
        days.append(observed(LocalDate(year: year, month: 7, day: 4)!, "Independence Day"))
        days.append((LocalDate.nth(1, .monday, month: 9, year: year), "Labor Day"))
        days.append((LocalDate.nth(4, .thursday, month: 11, year: year), "Thanksgiving Day"))
        days.append(observed(LocalDate(year: year, month: 12, day: 25)!, "Christmas Day"))
        return days
    }

    /// The rule-based early closes (13:00) of a year.
    static func earlyCloses(year: Int) -> [LocalDate] {
        var days: [LocalDate] = []
        let independence = LocalDate(year: year, month: 7, day: 4)!
        if [.tuesday, .wednesday, .thursday, .friday].contains(independence.weekday) {
            days.append(independence.adding(days: -1))
        }
        days.append(LocalDate.nth(4, .thursday, month: 11, year: year).adding(days: 1))
        let christmasEve = LocalDate(year: year, month: 12, day: 24)!
        if [.monday, .tuesday, .wednesday, .thursday].contains(christmasEve.weekday) {
            days.append(christmasEve)
        }
        return days
    }

    /// A fixed-date holiday moved off a weekend: Saturday to Friday, Sunday to Monday.
    private static func observed(_ date: LocalDate, _ name: String) -> (LocalDate, String) {
        switch date.weekday {
        case .saturday: (date.adding(days: -1), name + " (observed)")
        case .sunday: (date.adding(days: 1), name + " (observed)")
        default: (date, name)
        }
    }

    /// Western Easter Sunday by the anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8).
    static func easterSunday(year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }
}
