/// An instant: nanoseconds since 1970-01-01T00:00:00Z, the one representation of time in TapeDeck.
///
/// Polygon sends trades and quotes in nanoseconds and aggregates in milliseconds; convert once at the
/// wire boundary with ``init(milliseconds:)`` and never carry `Double` or `Date` time in hot paths.
///
/// Sixty-four bits of nanoseconds reach from ``earliest`` (1677-09-21T00:12:43.145224192Z) to ``latest``
/// (2262-04-11T23:47:16.854775807Z). Parsing a time beyond them is a one-line error naming the value and
/// the range; computing with instants never traps: ``advanced(by:)`` and
/// ``init(date:secondOfDay:nanosecond:utcOffsetSeconds:)`` saturate at the ends instead.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the Unix epoch, UTC.
    public var nanoseconds: Int64

    @inlinable
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// An instant from Polygon's millisecond field (aggregate `t`), or an error when it overflows `Int64` ns
    /// (beyond the years 1677-2262).
    public init(milliseconds: Int64) throws(TapeDeckError) {
        let (value, overflow) = milliseconds.multipliedReportingOverflow(by: Timestamp.nanosecondsPerMillisecond)
        guard !overflow else {
            throw .invalidTimestamp(String(milliseconds), "milliseconds out of range for a nanosecond timestamp")
        }
        self.nanoseconds = value
    }

    /// Milliseconds since the epoch, rounded down (towards the past); exact for aggregate starts.
    public var milliseconds: Int64 {
        Timestamp.floorDivide(nanoseconds, Timestamp.nanosecondsPerMillisecond)
    }

    /// Seconds since the epoch rounded down, and the nanoseconds within that second (0..<1e9).
    public var secondsAndNanoseconds: (seconds: Int64, nanoseconds: Int64) {
        // Quotient and remainder, not `seconds * 1e9`, which overflows for the earliest instants.
        let seconds = nanoseconds / Timestamp.nanosecondsPerSecond
        let remainder = nanoseconds % Timestamp.nanosecondsPerSecond
        return remainder < 0 ? (seconds - 1, remainder + Timestamp.nanosecondsPerSecond) : (seconds, remainder)
    }

    /// The instant `duration` nanoseconds later, saturating at the earliest and latest instants.
    public func advanced(by duration: Int64) -> Timestamp {
        let (sum, overflow) = nanoseconds.addingReportingOverflow(duration)
        guard !overflow else { return Timestamp(nanoseconds: duration < 0 ? .min : .max) }
        return Timestamp(nanoseconds: sum)
    }

    /// The earliest instant: 1677-09-21T00:12:43.145224192Z.
    public static let earliest = Timestamp(nanoseconds: .min)
    /// The latest instant: 2262-04-11T23:47:16.854775807Z.
    public static let latest = Timestamp(nanoseconds: .max)

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// ISO-8601 in UTC, e.g. `2024-03-15T14:30:00Z`.
    public var description: String { iso8601() }

    public static let nanosecondsPerMicrosecond: Int64 = 1_000
    public static let nanosecondsPerMillisecond: Int64 = 1_000_000
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000
    public static let nanosecondsPerMinute: Int64 = 60 * nanosecondsPerSecond
    public static let nanosecondsPerHour: Int64 = 60 * nanosecondsPerMinute
    public static let nanosecondsPerDay: Int64 = 24 * nanosecondsPerHour

    /// The latest instant at or before this one that is a whole multiple of `duration` nanoseconds since
    /// the epoch (the start of its bucket); the earliest instant when that multiple lies before it.
    public func rounded(downToMultipleOf duration: Int64) -> Timestamp {
        precondition(duration > 0, "a bucket must have a length")
        let remainder = nanoseconds % duration
        let below = remainder < 0 ? remainder + duration : remainder
        let (start, overflow) = nanoseconds.subtractingReportingOverflow(below)
        return Timestamp(nanoseconds: overflow ? .min : start)
    }

    /// Integer division rounding towards negative infinity.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

extension Timestamp {
    /// The instant of a wall-clock time at a fixed UTC offset.
    ///
    /// Exact between ``earliest`` and ``latest``; beyond them the result saturates at the nearer end
    /// instead of trapping. Parsed input never gets here unchecked: ``init(parsing:)`` and
    /// ``NewYorkTime/timestamp(date:secondOfDay:nanosecond:)`` throw for such times.
    public init(date: LocalDate, secondOfDay: Int, nanosecond: Int = 0, utcOffsetSeconds: Int = 0) {
        self =
            Timestamp.exactly(date: date, secondOfDay: secondOfDay, nanosecond: nanosecond, utcOffsetSeconds: utcOffsetSeconds)
            ?? (date.daysSinceEpoch < 0 ? .earliest : .latest)
    }

    /// The instant of a wall-clock time at a fixed UTC offset, or `nil` when it lies beyond ``earliest``
    /// or ``latest``; every step is checked for overflow.
    static func exactly(date: LocalDate, secondOfDay: Int, nanosecond: Int, utcOffsetSeconds: Int) -> Timestamp? {
        let (days, overflowDays) = Int64(date.daysSinceEpoch).multipliedReportingOverflow(by: 86_400)
        var (seconds, overflowSeconds) = days.addingReportingOverflow(Int64(secondOfDay) - Int64(utcOffsetSeconds))
        var fraction = Int64(nanosecond)
        // Before the epoch, borrow a second so that `seconds × 1e9` does not overflow on its way to the
        // earliest instants: the earliest is -9223372037 s plus 145224192 ns, or -9223372036 s minus 854775808 ns.
        if seconds < 0, fraction > 0 {
            seconds += 1
            fraction -= Timestamp.nanosecondsPerSecond
        }
        let (scaled, overflowScale) = seconds.multipliedReportingOverflow(by: Timestamp.nanosecondsPerSecond)
        let (total, overflowTotal) = scaled.addingReportingOverflow(fraction)
        guard !(overflowDays || overflowSeconds || overflowScale || overflowTotal) else { return nil }
        return Timestamp(nanoseconds: total)
    }

    /// The wall-clock date, second of day and nanosecond of this instant at a fixed UTC offset.
    public func wallClock(utcOffsetSeconds: Int = 0) -> (date: LocalDate, secondOfDay: Int, nanosecond: Int) {
        let (seconds, nanos) = secondsAndNanoseconds
        let local = seconds + Int64(utcOffsetSeconds)
        let day = Timestamp.floorDivide(local, 86_400)
        return (LocalDate(daysSinceEpoch: Int(day)), Int(local - day * 86_400), Int(nanos))
    }

    /// ISO-8601 at the given UTC offset: `2024-03-15T10:30:00-04:00`, `Z` for UTC. Fractions print in
    /// groups of three digits, and only when non-zero (`.5` prints `.500`, 1 ns prints `.000000001`).
    public func iso8601(utcOffsetSeconds: Int = 0) -> String {
        let (date, secondOfDay, nanosecond) = wallClock(utcOffsetSeconds: utcOffsetSeconds)
        var text =
            date.description + "T" + DecimalDigits.padded(secondOfDay / 3600, width: 2) + ":"
            + DecimalDigits.padded(secondOfDay / 60 % 60, width: 2) + ":"
            + DecimalDigits.padded(secondOfDay % 60, width: 2)
        if nanosecond != 0 {
            var digits = DecimalDigits.padded(nanosecond, width: 9)
            while digits.hasSuffix("000") { digits.removeLast(3) }
            text += "." + digits
        }
        if utcOffsetSeconds == 0 { return text + "Z" }
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(utcOffsetSeconds) / 60
        return text + sign + DecimalDigits.padded(magnitude / 60, width: 2) + ":"
            + DecimalDigits.padded(magnitude % 60, width: 2)
    }

    /// ISO-8601 in New York time with its offset, e.g. `2024-03-15T10:30:00-04:00`.
    public var newYorkISO8601: String {
        iso8601(utcOffsetSeconds: NewYorkTime.utcOffsetSeconds(at: self))
    }

    /// Parses ISO-8601 with an offset (`2024-03-15T14:30:00Z`, `2024-03-15T10:30:00.25-04:00`), or a
    /// New York wall-clock time without one (`2024-03-15 10:30`, `2024-03-15T10:30:00`).
    ///
    /// Date and time may be separated by `T` or a space; seconds and up to nine fraction digits are
    /// optional; offsets are `Z`, `±HH:MM`, `±HHMM` or `±HH`. A New York time that does not exist (the
    /// skipped hour when DST starts) is an error; one that occurs twice (the repeated hour when DST ends)
    /// means its first occurrence, in daylight time — see ``NewYorkTime``. A time beyond ``earliest`` or
    /// ``latest`` is an error naming the value and the range.
    public init(parsing text: String) throws(TapeDeckError) {
        let bytes = Array(text.utf8)
        func fail(_ reason: String) -> TapeDeckError { .invalidTimestamp(text, reason) }
        guard bytes.count >= 16 else { throw fail("too short for a date and time") }
        let date: LocalDate
        do {
            date = try LocalDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self))
        } catch {
            throw fail("the date part is not a valid YYYY-MM-DD")
        }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "t")
        else { throw fail("expected 'T' or a space between date and time") }
        guard bytes[13] == UInt8(ascii: ":"), let hour = DecimalDigits.value(bytes[11..<13]),
            let minute = DecimalDigits.value(bytes[14..<16])
        else { throw fail("expected HH:MM after the date") }
        var index = 16
        var second = 0
        var nanosecond = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard index + 3 <= bytes.count, let value = DecimalDigits.value(bytes[(index + 1)..<(index + 3)]) else {
                throw fail("expected two digits of seconds")
            }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                var digits = 0
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    guard digits < 9 else { throw fail("more than nine fraction digits (finer than a nanosecond)") }
                    nanosecond = nanosecond * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { throw fail("expected digits after the decimal point") }
                for _ in digits..<9 { nanosecond *= 10 }
            }
        }
        guard hour < 24, minute < 60, second < 60 else { throw fail("hour, minute or second out of range") }
        let secondOfDay = hour * 3600 + minute * 60 + second
        if index == bytes.count {
            self = try NewYorkTime.timestamp(date: date, secondOfDay: secondOfDay, nanosecond: nanosecond, text: text)
            return
        }
        let offset: Int
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { throw fail("unexpected text after 'Z'") }
            offset = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            let rest = bytes[(index + 1)...]
            let hours: Int?
            let minutes: Int?
            switch rest.count {
            case 2: (hours, minutes) = (DecimalDigits.value(rest), 0)
            case 4: (hours, minutes) = (DecimalDigits.value(rest.prefix(2)), DecimalDigits.value(rest.suffix(2)))
            case 5 where rest[rest.startIndex + 2] == UInt8(ascii: ":"):
                (hours, minutes) = (DecimalDigits.value(rest.prefix(2)), DecimalDigits.value(rest.suffix(2)))
            default: (hours, minutes) = (nil, nil)
            }
            guard let hours, let minutes, hours <= 18, minutes < 60 else {
                throw fail("malformed UTC offset; use Z, ±HH:MM, ±HHMM or ±HH")
            }
            offset = sign * (hours * 3600 + minutes * 60)
        default:
            throw fail("unexpected text after the time; use Z or an offset such as -04:00")
        }
        guard let instant = Timestamp.exactly(date: date, secondOfDay: secondOfDay, nanosecond: nanosecond, utcOffsetSeconds: offset)
        else { throw .timeOutOfRange(text) }
        self = instant
    }
}
