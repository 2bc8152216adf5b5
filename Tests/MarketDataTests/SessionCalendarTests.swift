import MarketData
import Testing

/// Facts looked up from the NYSE's published holiday and early-close calendars (nyse.com "Holidays &
/// Trading Hours") and news of the special closures, never computed by the code under test.
struct SessionCalendarTests {
    /// A closed weekday and the words its reason must contain.
    static let closedDays: [(String, String)] = [
        ("2023-01-02", "New Year's Day"), ("2023-01-16", "Martin Luther King"), ("2023-02-20", "Washington"),
        ("2023-04-07", "Good Friday"), ("2023-05-29", "Memorial Day"), ("2023-06-19", "Juneteenth"),
        ("2023-07-04", "Independence Day"), ("2023-09-04", "Labor Day"), ("2023-11-23", "Thanksgiving"),
        ("2023-12-25", "Christmas"),
        ("2024-01-01", "New Year's Day"), ("2024-01-15", "Martin Luther King"), ("2024-02-19", "Washington"),
        ("2024-03-29", "Good Friday"), ("2024-05-27", "Memorial Day"), ("2024-06-19", "Juneteenth"),
        ("2024-07-04", "Independence Day"), ("2024-09-02", "Labor Day"), ("2024-11-28", "Thanksgiving"),
        ("2024-12-25", "Christmas"),
        ("2025-01-01", "New Year's Day"), ("2025-01-09", "Jimmy Carter"), ("2025-01-20", "Martin Luther King"),
        ("2025-02-17", "Washington"), ("2025-04-18", "Good Friday"), ("2025-05-26", "Memorial Day"),
        ("2025-06-19", "Juneteenth"), ("2025-07-04", "Independence Day"), ("2025-09-01", "Labor Day"),
        ("2025-11-27", "Thanksgiving"), ("2025-12-25", "Christmas"),
        ("2026-01-01", "New Year's Day"), ("2026-01-19", "Martin Luther King"), ("2026-02-16", "Washington"),
        ("2026-04-03", "Good Friday"), ("2026-05-25", "Memorial Day"), ("2026-06-19", "Juneteenth"),
        ("2026-07-03", "Independence Day (observed)"), ("2026-09-07", "Labor Day"), ("2026-11-26", "Thanksgiving"),
        ("2026-12-25", "Christmas"),
        ("2001-09-11", "September 11"), ("2001-09-12", "September 11"), ("2001-09-13", "September 11"),
        ("2001-09-14", "September 11"), ("2004-06-11", "Ronald Reagan"), ("2007-01-02", "Gerald Ford"),
        ("2012-10-29", "Hurricane Sandy"), ("2012-10-30", "Hurricane Sandy"), ("2018-12-05", "George H. W. Bush"),
        ("2022-06-20", "Juneteenth National Independence Day (observed)"), ("2021-12-24", "Christmas Day (observed)"),
        ("2022-12-26", "Christmas Day (observed)"), ("2017-01-02", "New Year's Day (observed)"),
    ]

    @Test(arguments: closedDays)
    func closedDayNamesItsReason(_ date: String, _ reason: String) throws {
        let day = try LocalDate(parsing: date)
        #expect(try SessionCalendar.nyse.isTradingDay(day) == false)
        #expect(try SessionCalendar.nyse.closure(on: day)?.contains(reason) == true)
        let error = #expect(throws: TapeDeckError.self) { try SessionCalendar.nyse.sessions(on: day) }
        #expect(error?.code == .marketClosed)
        #expect(error?.message.contains("market closed on \(date)") == true)
        #expect(error?.message.contains(reason) == true)
    }

    /// Early closes: regular close 13:00 New York; with the UTC instant of that close.
    static let earlyCloses: [(String, String)] = [
        ("2023-07-03", "2023-07-03T17:00:00Z"), ("2023-11-24", "2023-11-24T18:00:00Z"),
        ("2024-07-03", "2024-07-03T17:00:00Z"), ("2024-11-29", "2024-11-29T18:00:00Z"),
        ("2024-12-24", "2024-12-24T18:00:00Z"),
        ("2025-07-03", "2025-07-03T17:00:00Z"), ("2025-11-28", "2025-11-28T18:00:00Z"),
        ("2025-12-24", "2025-12-24T18:00:00Z"),
        ("2026-11-27", "2026-11-27T18:00:00Z"), ("2026-12-24", "2026-12-24T18:00:00Z"),
        ("2002-07-05", "2002-07-05T17:00:00Z"), ("2003-12-26", "2003-12-26T18:00:00Z"),
    ]

    @Test(arguments: earlyCloses)
    func earlyCloseEndsAtOnePM(_ date: String, _ closeUTC: String) throws {
        let sessions = try SessionCalendar.nyse.sessions(on: LocalDate(parsing: date))
        #expect(sessions.isEarlyClose)
        #expect(sessions.regularClose.iso8601() == closeUTC)
        #expect(sessions.postMarketClose == sessions.regularClose.advanced(by: 4 * Timestamp.nanosecondsPerHour))
    }

    /// Full trading days (some next to holidays, some around the DST changes) with their sessions in UTC:
    /// pre-market open, regular open, regular close, post-market close.
    static let fullDays: [(String, [String])] = [
        ("2024-03-08", ["2024-03-08T09:00:00Z", "2024-03-08T14:30:00Z", "2024-03-08T21:00:00Z", "2024-03-09T01:00:00Z"]),
        ("2024-03-11", ["2024-03-11T08:00:00Z", "2024-03-11T13:30:00Z", "2024-03-11T20:00:00Z", "2024-03-12T00:00:00Z"]),
        ("2024-11-01", ["2024-11-01T08:00:00Z", "2024-11-01T13:30:00Z", "2024-11-01T20:00:00Z", "2024-11-02T00:00:00Z"]),
        ("2024-11-04", ["2024-11-04T09:00:00Z", "2024-11-04T14:30:00Z", "2024-11-04T21:00:00Z", "2024-11-05T01:00:00Z"]),
        ("2024-03-15", ["2024-03-15T08:00:00Z", "2024-03-15T13:30:00Z", "2024-03-15T20:00:00Z", "2024-03-16T00:00:00Z"]),
        ("2021-12-31", ["2021-12-31T09:00:00Z", "2021-12-31T14:30:00Z", "2021-12-31T21:00:00Z", "2022-01-01T01:00:00Z"]),
        ("2021-06-18", ["2021-06-18T08:00:00Z", "2021-06-18T13:30:00Z", "2021-06-18T20:00:00Z", "2021-06-19T00:00:00Z"]),
        ("2026-07-02", ["2026-07-02T08:00:00Z", "2026-07-02T13:30:00Z", "2026-07-02T20:00:00Z", "2026-07-03T00:00:00Z"]),
        ("2002-07-03", ["2002-07-03T08:00:00Z", "2002-07-03T13:30:00Z", "2002-07-03T20:00:00Z", "2002-07-04T00:00:00Z"]),
        ("2025-12-26", ["2025-12-26T09:00:00Z", "2025-12-26T14:30:00Z", "2025-12-26T21:00:00Z", "2025-12-27T01:00:00Z"]),
    ]

    @Test(arguments: fullDays)
    func fullDaySessionsInUTC(_ date: String, _ instants: [String]) throws {
        let sessions = try SessionCalendar.nyse.sessions(on: LocalDate(parsing: date))
        #expect(!sessions.isEarlyClose)
        let actual = [sessions.preMarketOpen, sessions.regularOpen, sessions.regularClose, sessions.postMarketClose]
        #expect(actual.map { $0.iso8601() } == instants)
        #expect(sessions.regular.duration == 390 * Timestamp.nanosecondsPerMinute)
    }

    @Test func weekendsAreClosedWithTheirName() throws {
        let saturday = try LocalDate(parsing: "2024-03-16")
        #expect(try SessionCalendar.nyse.closure(on: saturday) == "Saturday")
        #expect(try SessionCalendar.nyse.closure(on: saturday.adding(days: 1)) == "Sunday")
        #expect(throws: TapeDeckError.marketClosed(saturday, reason: "Saturday")) {
            try SessionCalendar.nyse.sessions(on: saturday)
        }
    }

    @Test func stepsBetweenTradingDays() throws {
        let calendar = SessionCalendar.nyse
        // Thanksgiving 2024 (Thu 28th) sits between Wed 27th and the early-close Friday.
        #expect(try calendar.nextTradingDay(after: LocalDate(parsing: "2024-11-27")) == LocalDate(parsing: "2024-11-29"))
        #expect(try calendar.previousTradingDay(before: LocalDate(parsing: "2024-11-29")) == LocalDate(parsing: "2024-11-27"))
        // Good Friday 2024 and the weekend after it.
        #expect(try calendar.nextTradingDay(after: LocalDate(parsing: "2024-03-28")) == LocalDate(parsing: "2024-04-01"))
        // New Year 2025 back into 2024.
        #expect(try calendar.previousTradingDay(before: LocalDate(parsing: "2025-01-02")) == LocalDate(parsing: "2024-12-31"))
    }

    /// NYSE trading days per year as published (252 in 2023 and 2024, 250 in 2025 with the Carter closure).
    @Test(arguments: [(2023, 250), (2024, 252), (2025, 250), (2026, 251)])
    func tradingDaysPerYear(_ year: Int, _ count: Int) throws {
        let days = try SessionCalendar.nyse.tradingDays(
            from: LocalDate(year: year, month: 1, day: 1)!, through: LocalDate(year: year, month: 12, day: 31)!)
        #expect(days.count == count)
        #expect(days == days.sorted())
    }

    @Test func closedWeekdaysListsHolidaysInOrder() throws {
        let closed = try SessionCalendar.nyse.closedWeekdays(
            from: LocalDate(parsing: "2024-01-01"), through: LocalDate(parsing: "2024-12-31"))
        #expect(
            closed.map(\.date.description) == [
                "2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19", "2024-07-04",
                "2024-09-02", "2024-11-28", "2024-12-25",
            ])
    }

    @Test(arguments: ["1999-12-31", "2036-01-02"])
    func datesOutsideTheCalendarAreErrors(_ text: String) throws {
        let date = try LocalDate(parsing: text)
        let error = #expect(throws: TapeDeckError.self) { try SessionCalendar.nyse.isTradingDay(date) }
        #expect(error?.code == .outsideCalendar)
        #expect(error?.message.contains(text) == true)
        #expect(error?.message.contains("2000 through 2035") == true)
    }
}
