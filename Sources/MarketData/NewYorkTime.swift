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

    /// New York's offset from UTC at an instant: -14400 (EDT) or -18000 (EST). Defined for every
    /// instant: the comparison runs in whole seconds, which cannot overflow.
    public static func utcOffsetSeconds(at instant: Timestamp) -> Int {
        // The UTC year and the New York year differ only in the first hours of January 1st, far from DST.
        let seconds = instant.secondsAndNanoseconds.seconds
        let (start, end) = daylightSavingDates(year: instant.wallClock().date.year)
        // An instant is at or after a whole-second transition exactly when its whole seconds are.
        let startSeconds = Int64(start.daysSinceEpoch) * 86_400 + 2 * 3600 - Int64(standardOffsetSeconds)
        let endSeconds = Int64(end.daysSinceEpoch) * 86_400 + 2 * 3600 - Int64(daylightOffsetSeconds)
        return seconds >= startSeconds && seconds < endSeconds ? daylightOffsetSeconds : standardOffsetSeconds
    }

    /// The New York wall-clock date, second of day and nanosecond of an instant.
    public static func wallClock(at instant: Timestamp) -> (date: LocalDate, secondOfDay: Int, nanosecond: Int) {
        instant.wallClock(utcOffsetSeconds: utcOffsetSeconds(at: instant))
    }

    /// The New York calendar date of an instant.
    public static func date(of instant: Timestamp) -> LocalDate { wallClock(at: instant).date }

    /// The instant of a New York wall-clock time, resolved by the rules in the type's documentation; a
    /// time beyond ``Timestamp/earliest`` or ``Timestamp/latest`` is an error naming it and the range.
    public static func timestamp(date: LocalDate, secondOfDay: Int, nanosecond: Int = 0) throws(TapeDeckError)
        -> Timestamp
    {
        try timestamp(date: date, secondOfDay: secondOfDay, nanosecond: nanosecond, text: nil)
    }

    /// The instant of a New York wall-clock time `hour:minute` on a date that has no DST ambiguity at that
    /// hour (any market hour, or midnight), for fixed session times. It never throws or traps: a time in
    /// the skipped hour is read in standard time, and a time beyond ``Timestamp/earliest`` or
    /// ``Timestamp/latest`` saturates (see ``Timestamp/init(date:secondOfDay:nanosecond:utcOffsetSeconds:)``).
    public static func instant(_ date: LocalDate, hour: Int, minute: Int) -> Timestamp {
        Timestamp(
            date: date, secondOfDay: hour * 3600 + minute * 60,
            utcOffsetSeconds: isDaylight(date, hour: hour) ? daylightOffsetSeconds : standardOffsetSeconds)
    }

    static func timestamp(date: LocalDate, secondOfDay: Int, nanosecond: Int, text: String?) throws(TapeDeckError)
        -> Timestamp
    {
        let hour = secondOfDay / 3600
        func shown() -> String {
            text ?? "\(date) \(DecimalDigits.padded(hour, width: 2)):\(DecimalDigits.padded(secondOfDay / 60 % 60, width: 2))"
        }
        if date == daylightSavingDates(year: date.year).start, hour == 2 {
            throw .invalidTimestamp(
                shown(),
                "this New York time does not exist: clocks jump from 02:00 to 03:00 on \(date)"
            )
        }
        let offset = isDaylight(date, hour: hour) ? daylightOffsetSeconds : standardOffsetSeconds
        guard let instant = Timestamp.exactly(date: date, secondOfDay: secondOfDay, nanosecond: nanosecond, utcOffsetSeconds: offset)
        else { throw .timeOutOfRange(shown()) }
        return instant
    }

    /// Whether wall-clock hour `hour` of `date` is daylight time; the repeated hour of the November change
    /// counts as its first occurrence (daylight), the skipped hour of the March change as standard time.
    private static func isDaylight(_ date: LocalDate, hour: Int) -> Bool {
        let (start, end) = daylightSavingDates(year: date.year)
        if date == start { return hour >= 3 }
        if date == end { return hour < 2 }  // 01:00-01:59 occurs twice; the first occurrence is daylight time
        return date > start && date < end
    }
}
