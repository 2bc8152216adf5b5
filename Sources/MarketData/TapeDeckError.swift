/// An error a user can act on: a stable `code` for programs and a one-line `message` for people.
///
/// Modules add their own codes and factories in extensions, so the type grows without a giant enum.
/// Messages name the bad value and say what to do; they never contain credentials.
public struct TapeDeckError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable identifier of the kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// One line that says what is wrong and what to do.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension TapeDeckError.Code {
    public static let invalidSymbol = Self(rawValue: "invalidSymbol")
    public static let invalidTimestamp = Self(rawValue: "invalidTimestamp")
    /// A time beyond the instants a ``Timestamp`` holds (1677-09-21 to 2262-04-11).
    public static let timeOutOfRange = Self(rawValue: "timeOutOfRange")
    public static let invalidDate = Self(rawValue: "invalidDate")
    public static let invalidTimeframe = Self(rawValue: "invalidTimeframe")
    public static let invalidWindow = Self(rawValue: "invalidWindow")
    public static let marketClosed = Self(rawValue: "marketClosed")
    public static let outsideCalendar = Self(rawValue: "outsideCalendar")
    public static let notRecorded = Self(rawValue: "notRecorded")
}

extension TapeDeckError {
    static func invalidSymbol(_ text: String, _ reason: String) -> Self {
        Self(.invalidSymbol, "invalid symbol \(quoted(text)): \(reason); use an uppercase ticker such as SPY, BRK.A or BF.B")
    }

    static func invalidTimestamp(_ text: String, _ reason: String) -> Self {
        Self(
            .invalidTimestamp,
            "invalid time \(quoted(text)): \(reason); use ISO-8601 with an offset (2024-03-15T10:30:00-04:00) or New York local time (2024-03-15 10:30)"
        )
    }

    /// A time beyond the instants a ``Timestamp`` holds, naming the value and the range.
    static func timeOutOfRange(_ text: String) -> Self {
        Self(
            .timeOutOfRange,
            "time \(quoted(text)) is out of range: TapeDeck handles times from \(Timestamp.earliest) through \(Timestamp.latest) (nanoseconds since 1970 in 64 bits); check the date"
        )
    }

    static func invalidDate(_ text: String, _ reason: String) -> Self {
        Self(.invalidDate, "invalid date \(quoted(text)): \(reason); use YYYY-MM-DD, e.g. 2024-03-15")
    }

    /// A day on which the market is closed was asked for data or sessions.
    public static func marketClosed(_ date: LocalDate, reason: String) -> Self {
        Self(.marketClosed, "market closed on \(date): \(reason); pick a trading day (see `tapedeck calendar`)")
    }

    /// A date outside the years the session calendar knows.
    public static func outsideCalendar(_ date: LocalDate) -> Self {
        Self(
            .outsideCalendar,
            "date \(date) is outside the session calendar (\(SessionCalendar.firstYear) through \(SessionCalendar.lastYear)); pick a date in that range"
        )
    }

    /// Quotes a user-supplied value so that empty strings and spaces stay visible in a message.
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
