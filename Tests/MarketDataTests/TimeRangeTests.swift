import MarketData
import Testing

/// Far dates and the ends of the 64-bit nanosecond range: parsing names the value and the supported
/// years, and no time computation traps on any instant.
struct TimeRangeTests {
    static let range = "1677-09-21T00:12:43.145224192Z through 2262-04-11T23:47:16.854775807Z"

    /// Times a user or a server can type that no 64-bit nanosecond count holds, one nanosecond past
    /// either end included.
    @Test(arguments: [
        "9999-12-31 10:00", "9999-03-15T10:00:00Z", "0001-01-01T00:00:00Z", "1600-03-15 10:00", "0000-01-01 00:00",
        "1677-09-21T00:12:43.145224191Z", "2262-04-11T23:47:16.854775808Z", "2262-04-12 00:00", "1677-09-20 20:12:43.145224191",
        "2262-04-11T19:47:16.854775808-04:00",
    ])
    func farTimesAreOneLineErrorsNamingTheRange(_ text: String) {
        let error = #expect(throws: TapeDeckError.self) { try Timestamp(parsing: text) }
        #expect(error?.code == .timeOutOfRange)
        let message = error?.message ?? ""
        #expect(message.contains("\"\(text)\""), "\(message)")
        #expect(message.contains(Self.range), "\(message)")
        #expect(!message.contains("\n"))
    }

    /// The earliest and latest instants parse, in UTC, at an offset and in New York time.
    @Test(arguments: [
        ("1677-09-21T00:12:43.145224192Z", Int64.min), ("2262-04-11T23:47:16.854775807Z", .max),
        ("1677-09-21T05:12:43.145224192+05:00", .min), ("2262-04-11T19:47:16.854775807-04:00", .max),
        ("1677-09-20 20:12:43.145224192", .min), ("2262-04-11 19:47:16.854775807", .max),
    ])
    func theEndsOfTheRangeParse(_ text: String, _ nanoseconds: Int64) throws {
        #expect(try Timestamp(parsing: text).nanoseconds == nanoseconds)
        #expect(Timestamp(nanoseconds: nanoseconds).iso8601() == (nanoseconds < 0 ? "1677-09-21T00:12:43.145224192Z" : "2262-04-11T23:47:16.854775807Z"))
    }

    @Test(arguments: [1, 1600, 1676, 2263, 9999])
    func newYorkTimestampOfAFarDateIsAnError(_ year: Int) throws {
        let date = try #require(LocalDate(year: year, month: 6, day: 1))
        let error = #expect(throws: TapeDeckError.self) { try NewYorkTime.timestamp(date: date, secondOfDay: 36_000) }
        #expect(error?.code == .timeOutOfRange)
        #expect(error?.message.contains(Self.range) == true)
    }

    /// Formatting, New York conversion, stepping and bucketing are total over every instant.
    @Test(arguments: [Int64.min, .min + 1, -1, 0, .max - 1, .max])
    func computationsOnExtremeInstantsNeverTrap(_ nanoseconds: Int64) {
        let instant = Timestamp(nanoseconds: nanoseconds)
        #expect(!instant.description.isEmpty)
        #expect(!instant.newYorkISO8601.isEmpty)
        let (seconds, fraction) = instant.secondsAndNanoseconds
        #expect((0..<Timestamp.nanosecondsPerSecond).contains(fraction))
        #expect(seconds.multipliedReportingOverflow(by: Timestamp.nanosecondsPerSecond).partialValue &+ fraction == nanoseconds)
        #expect([NewYorkTime.standardOffsetSeconds, NewYorkTime.daylightOffsetSeconds].contains(NewYorkTime.utcOffsetSeconds(at: instant)))
        _ = NewYorkTime.date(of: instant)
        #expect(instant.advanced(by: 1) >= instant)
        #expect(instant.advanced(by: -1) <= instant)
        #expect(instant.advanced(by: .max) == Timestamp(nanoseconds: nanoseconds > 0 ? .max : nanoseconds + .max))
        #expect(instant.advanced(by: .min) == Timestamp(nanoseconds: nanoseconds < 0 ? .min : nanoseconds + .min))
        #expect(instant.rounded(downToMultipleOf: Timestamp.nanosecondsPerMinute) <= instant)
    }

    /// Building an instant from a far date saturates instead of trapping; session times and midnights of
    /// such dates do too.
    @Test func farDatesSaturate() throws {
        let far = try #require(LocalDate(year: 9999, month: 12, day: 31))
        let ancient = try #require(LocalDate(year: 1, month: 1, day: 1))
        #expect(Timestamp(date: far, secondOfDay: 0) == Timestamp(nanoseconds: .max))
        #expect(Timestamp(date: ancient, secondOfDay: 0) == Timestamp(nanoseconds: .min))
        #expect(NewYorkTime.instant(far, hour: 9, minute: 30) == Timestamp(nanoseconds: .max))
        #expect(NewYorkTime.instant(ancient, hour: 0, minute: 0) == Timestamp(nanoseconds: .min))
    }

    /// Bucket starts are the multiple at or below the instant, for negative instants too.
    @Test(arguments: [(Int64(125), Int64(60), Int64(120)), (-1, 60, -60), (-60, 60, -60), (0, 60, 0)])
    func roundsDownToMultiples(_ value: Int64, _ duration: Int64, _ expected: Int64) {
        #expect(Timestamp(nanoseconds: value).rounded(downToMultipleOf: duration) == Timestamp(nanoseconds: expected))
    }
}
