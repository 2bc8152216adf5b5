import Foundation
import MarketData
import Testing

struct TimestampTests {
    @Test(arguments: [Int64(0), 1_710_509_400_000, -1, 1_112_331_600_000, 4_102_444_800_000])
    func millisecondsRoundTripExactly(_ ms: Int64) throws {
        let instant = try Timestamp(milliseconds: ms)
        #expect(instant.nanoseconds == ms * 1_000_000)
        #expect(instant.milliseconds == ms)
    }

    @Test func millisecondsOutOfRangeAreAnError() {
        let error = #expect(throws: TapeDeckError.self) { try Timestamp(milliseconds: .max / 10) }
        #expect(error?.message.contains(String(Int64.max / 10)) == true)
    }

    @Test func millisecondsRoundDownForNanosecondInstants() {
        #expect(Timestamp(nanoseconds: 1_651_181_822_461_979_400).milliseconds == 1_651_181_822_461)
        #expect(Timestamp(nanoseconds: -1).milliseconds == -1)
    }

    /// Values checked with `date -u -d @SECONDS` and Polygon's documentation (aggregate t=1112331600000 is
    /// 2005-04-01T05:00:00Z, midnight in New York).
    @Test(arguments: [
        (Int64(1_112_331_600_000_000_000), "2005-04-01T05:00:00Z"),
        (1_651_181_822_461_979_400, "2022-04-28T21:37:02.461979400Z"),
        (1_710_509_400_000_000_000, "2024-03-15T13:30:00Z"),
        (1_710_509_400_500_000_000, "2024-03-15T13:30:00.500Z"),
        (1_710_509_400_000_001_000, "2024-03-15T13:30:00.000001Z"),
        (1, "1970-01-01T00:00:00.000000001Z"),
        (-1, "1969-12-31T23:59:59.999999999Z"),
    ])
    func printsISO8601InUTC(_ ns: Int64, _ text: String) throws {
        #expect(Timestamp(nanoseconds: ns).iso8601() == text)
        #expect(try Timestamp(parsing: text).nanoseconds == ns)
    }

    @Test(arguments: [
        ("2024-03-15T10:30:00-04:00", "2024-03-15T14:30:00Z"),
        ("2024-03-15T10:30-04:00", "2024-03-15T14:30:00Z"),
        ("2024-03-15T10:30:00-0400", "2024-03-15T14:30:00Z"),
        ("2024-03-15T10:30:00-04", "2024-03-15T14:30:00Z"),
        ("2024-03-15 14:30:00Z", "2024-03-15T14:30:00Z"),
        ("2024-03-15T20:00:00+05:30", "2024-03-15T14:30:00Z"),
        ("2024-03-15T14:30:00.123456789Z", "2024-03-15T14:30:00.123456789Z"),
        ("2024-03-15T14:30:00,25Z", "2024-03-15T14:30:00.250Z"),
    ])
    func parsesOffsets(_ text: String, _ utc: String) throws {
        #expect(try Timestamp(parsing: text).iso8601() == utc)
    }

    /// New York wall-clock times without an offset, around both DST changes of 2024 (Mar 10, Nov 3).
    @Test(arguments: [
        ("2024-03-15 10:30", "2024-03-15T14:30:00Z"),
        ("2024-03-08 09:30", "2024-03-08T14:30:00Z"),
        ("2024-03-10 01:59:59", "2024-03-10T06:59:59Z"),
        ("2024-03-10 03:00", "2024-03-10T07:00:00Z"),
        ("2024-03-11 09:30", "2024-03-11T13:30:00Z"),
        ("2024-11-03 00:59:59", "2024-11-03T04:59:59Z"),
        ("2024-11-03 01:30", "2024-11-03T05:30:00Z"),  // repeated hour: first occurrence (EDT)
        ("2024-11-03 02:00", "2024-11-03T07:00:00Z"),
        ("2024-11-04 09:30", "2024-11-04T14:30:00Z"),
        ("2024-12-31T23:59:59.999999999", "2025-01-01T04:59:59.999999999Z"),
    ])
    func parsesNewYorkLocalTime(_ text: String, _ utc: String) throws {
        #expect(try Timestamp(parsing: text).iso8601() == utc)
    }

    @Test(arguments: ["2024-03-10 02:00", "2024-03-10 02:30:15", "2023-03-12T02:59:59"])
    func skippedNewYorkHourIsAnError(_ text: String) {
        let error = #expect(throws: TapeDeckError.self) { try Timestamp(parsing: text) }
        #expect(error?.code == .invalidTimestamp)
        #expect(error?.message.contains(text) == true)
        #expect(error?.message.contains("does not exist") == true)
    }

    @Test(arguments: [
        ("", "too short"), ("2024-03-15", "too short"), ("2024-13-15 10:30", "date"), ("2024-02-30 10:30", "date"),
        ("2024-03-15X10:30", "'T' or a space"), ("2024-03-15 25:00", "out of range"), ("2024-03-15 10:61", "out of range"),
        ("2024-03-15 10:30:00.", "digits after"), ("2024-03-15 10:30:00.1234567891", "nine fraction digits"),
        ("2024-03-15 10:30 EST", "offset"), ("2024-03-15 10:30+5", "offset"), ("2024-03-15 10:30Zjunk", "after 'Z'"),
        ("2024/03/15 10:30", "date"), ("yesterday at noon", "date"),
    ])
    func badTimesNameTheValue(_ text: String, _ reason: String) {
        let error = #expect(throws: TapeDeckError.self) { try Timestamp(parsing: text) }
        #expect(error?.code == .invalidTimestamp)
        #expect(error?.message.contains("\"\(text)\"") == true)
        #expect(error?.message.contains(reason) == true)
    }

    @Test func printsNewYorkTimeWithItsOffset() throws {
        #expect(try Timestamp(parsing: "2024-03-15T14:30:00Z").newYorkISO8601 == "2024-03-15T10:30:00-04:00")
        #expect(try Timestamp(parsing: "2024-01-15T14:30:00Z").newYorkISO8601 == "2024-01-15T09:30:00-05:00")
        #expect(try Timestamp(parsing: "2024-11-03T05:30:00Z").newYorkISO8601 == "2024-11-03T01:30:00-04:00")
        #expect(try Timestamp(parsing: "2024-11-03T06:30:00Z").newYorkISO8601 == "2024-11-03T01:30:00-05:00")
    }

    @Test func roundTripsEveryFormattedInstant() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let ns = Int64(bitPattern: state >> 2) % 2_000_000_000_000_000_000
            let instant = Timestamp(nanoseconds: ns)
            #expect(try Timestamp(parsing: instant.iso8601()) == instant)
            #expect(try Timestamp(parsing: instant.newYorkISO8601) == instant)
        }
    }

    /// The computed New York offset agrees with the system's zone database on both sides of every DST
    /// change from 2000 to 2035, and at noon on every 7th day.
    @Test func newYorkOffsetsMatchTheZoneDatabase() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        func check(_ instant: Timestamp) {
            let date = Date(timeIntervalSince1970: Double(instant.nanoseconds) / 1e9)
            #expect(NewYorkTime.utcOffsetSeconds(at: instant) == zone.secondsFromGMT(for: date), "\(instant)")
        }
        for year in 2000...2035 {
            let (start, end) = NewYorkTime.daylightSavingInstants(year: year)
            for instant in [start, end] {
                check(instant)
                check(instant.advanced(by: -Timestamp.nanosecondsPerMillisecond))  // Date holds no finer
                check(instant.advanced(by: -Timestamp.nanosecondsPerSecond))
                #expect(
                    zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: Double(instant.nanoseconds) / 1e9 - 3600))
                        == Date(timeIntervalSince1970: Double(instant.nanoseconds) / 1e9))
            }
        }
        var day = try LocalDate(parsing: "2000-01-01")
        while day.year <= 2035 {
            check(Timestamp(date: day, secondOfDay: 17 * 3600))
            day = day.adding(days: 7)
        }
    }

    /// US transition dates from the Energy Policy Act of 2005 (second Sunday of March, first of November).
    @Test(arguments: [(2024, "2024-03-10", "2024-11-03"), (2025, "2025-03-09", "2025-11-02"), (2006, "2006-04-02", "2006-10-29")])
    func daylightSavingDates(_ year: Int, _ start: String, _ end: String) throws {
        let dates = NewYorkTime.daylightSavingDates(year: year)
        #expect(dates.start.description == start)
        #expect(dates.end.description == end)
    }
}

struct LocalDateTests {
    @Test func convertsToAndFromDays() throws {
        #expect(try LocalDate(parsing: "1970-01-01").daysSinceEpoch == 0)
        #expect(try LocalDate(parsing: "2000-03-01").daysSinceEpoch == 11017)
        #expect(try LocalDate(parsing: "2024-03-15").weekday == .friday)
        #expect(try LocalDate(parsing: "2000-02-29").adding(days: 1).description == "2000-03-01")
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = LocalDate(daysSinceEpoch: days)
            guard (1...9999).contains(date.year) else { continue }
            #expect(try LocalDate(parsing: date.description) == date)
        }
    }

    @Test(arguments: ["2023-02-29", "2024-00-10", "2024-1-5", "", "20240315", "2024-03-3x"])
    func badDatesNameTheValue(_ text: String) {
        let error = #expect(throws: TapeDeckError.self) { try LocalDate(parsing: text) }
        #expect(error?.code == .invalidDate)
        #expect(error?.message.contains("\"\(text)\"") == true)
    }
}
