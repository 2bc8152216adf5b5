/// The America/New_York time zone, computed from the US daylight-saving rules rather than read from tzdata,
/// so the model stays free of I/O and of whatever zone database a machine happens to have.
///
/// Rules: from 2007, daylight time runs from the second Sunday of March to the first Sunday of November;
/// 1987-2006, from the first Sunday of April to the last Sunday of October; both switch at 02:00 local time.
/// Years before 1987 use the 1987 rule (TapeDeck's calendar starts in 2000). The tests check every
/// transition of 2000-2035 against the system's zone database.
///
/// Wall-clock times are resolved like this: a time in the skipped hour (02:00-02:59 on the March change)
/// does not exist and is an error; a time in the repeated hour (01:00-01:59 on the November change) means
/// its first occurrence, in daylight time (UTC-4).
public enum NewYorkTime {
    /// Eastern Standard Time, UTC-5.
    public static let standardOffsetSeconds = -5 * 3600
    /// Eastern Daylight Time, UTC-4.
    public static let daylightOffsetSeconds = -4 * 3600

    /// The Sundays on which daylight time starts and ends in `year`.
    public static func daylightSavingDates(year: Int) -> (start: LocalDate, end: LocalDate) {
        if year >= 2007 {
            return (LocalDate.nth(2, .sunday, month: 3, year: year), LocalDate.nth(1, .sunday, month: 11, year: year))
        }
        return (LocalDate.nth(1, .sunday, month: 4, year: year), LocalDate.last(.sunday, month: 10, year: year))
    }

    /// The instants at which daylight time starts (02:00 EST = 07:00Z) and ends (02:00 EDT = 06:00Z).
    public static func daylightSavingInstants(year: Int) -> (start: Timestamp, end: Timestamp) {
        let (start, end) = daylightSavingDates(year: year)
        return (
            Timestamp(date: start, secondOfDay: 2 * 3600, utcOffsetSeconds: standardOffsetSeconds),
            Timestamp(date: end, secondOfDay: 2 * 3600, utcOffsetSeconds: daylightOffsetSeconds)
        )
    }

    /// New York's offset from UTC at an instant: -14400 (EDT) or -18000 (EST).
    public static func utcOffsetSeconds(at instant: Timestamp) -> Int {
        // The UTC year and the New York year differ only in the first hours of January 1st, far from DST.
        let year = instant.wallClock().date.year
        let (start, end) = daylightSavingInstants(year: year)
        return instant >= start && instant < end ? daylightOffsetSeconds : standardOffsetSeconds
    }

    /// The New York wall-clock date, second of day and nanosecond of an instant.
    public static func wallClock(at instant: Timestamp) -> (date: LocalDate, secondOfDay: Int, nanosecond: Int) {
        instant.wallClock(utcOffsetSeconds: utcOffsetSeconds(at: instant))
    }

    /// The New York calendar date of an instant.
    public static func date(of instant: Timestamp) -> LocalDate { wallClock(at: instant).date }

    /// The instant of a New York wall-clock time, resolved by the rules in the type's documentation.
    public static func timestamp(date: LocalDate, secondOfDay: Int, nanosecond: Int = 0) throws(TapeDeckError)
        -> Timestamp
    {
        try timestamp(date: date, secondOfDay: secondOfDay, nanosecond: nanosecond, text: nil)
    }

    /// The instant of a New York wall-clock time `hour:minute` on a date that has no DST ambiguity at that
    /// hour (any market hour); traps on a skipped time, so use it only for fixed session times.
    public static func instant(_ date: LocalDate, hour: Int, minute: Int) -> Timestamp {
        try! timestamp(date: date, secondOfDay: hour * 3600 + minute * 60)
    }

    static func timestamp(date: LocalDate, secondOfDay: Int, nanosecond: Int, text: String?) throws(TapeDeckError)
        -> Timestamp
    {
        let (start, end) = daylightSavingDates(year: date.year)
        let hour = secondOfDay / 3600
        if date == start, hour == 2 {
            let shown = text ?? "\(date) \(DecimalDigits.padded(hour, width: 2)):\(DecimalDigits.padded(secondOfDay / 60 % 60, width: 2))"
            throw .invalidTimestamp(
                shown,
                "this New York time does not exist: clocks jump from 02:00 to 03:00 on \(date)"
            )
        }
        let daylight: Bool
        if date == start {
            daylight = hour >= 3
        } else if date == end {
            daylight = hour < 2  // 01:00-01:59 occurs twice; the first occurrence is daylight time
        } else {
            daylight = date > start && date < end
        }
        return Timestamp(
            date: date,
            secondOfDay: secondOfDay,
            nanosecond: nanosecond,
            utcOffsetSeconds: daylight ? daylightOffsetSeconds : standardOffsetSeconds
        )
    }
}
