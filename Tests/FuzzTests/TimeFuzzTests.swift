import MarketData
import PropertyBased
import Testing

/// Fuzz target: the time parser (`Timestamp(parsing:)`, `LocalDate(parsing:)`). Any text either parses
/// to an instant that prints and parses back (in UTC and in New York time), or fails with a one-line
/// `invalidTimestamp` or `timeOutOfRange` error quoting it; any 64-bit instant prints and parses back.
/// Never a trap.
struct TimeFuzzTests {
    static let corpus: [[UInt8]] = [
        "2024-03-15 10:30", "2024-03-15T10:30:00.123456789-04:00", "2024-03-15T14:30:00Z", "2024-03-15T14:30:00,25z",
        "9999-12-31T23:59:59Z", "1678-01-01T00:00:00+18:00", "2261-12-31 23:59:59.999999999", "2024-03-10 02:30",
        "2024-11-03 01:30", "2024-03-15T20:00:00+0530", "0001-01-01T00:00:00-18", "2262-04-11T23:47:16.854775807Z",
    ].map(\.bytes)

    static let tokens: [[UInt8]] =
        ["0", "9", "-", ":", "T", "t", " ", "Z", "+", ".", ",", "99", "24", "60", "18", "1677", "2262", "9999", "0000", "02"].map(\.bytes)
        + [[0xC3], [0xFF]]

    @Test func mutatedTimesParseOrFailCleanly() async {
        await propertyCheck(
            count: FuzzBudget.count(3000), input: Gen.int(in: 0...(Self.corpus.count - 1)), Gen.uint32().array(of: 1...5)
        ) { index, operations in
            let text = String(decoding: Mutator.apply(operations, to: Self.corpus[index], dictionary: Self.tokens), as: UTF8.self)
            Self.check(text)
            if let date = try? LocalDate(parsing: String(text.prefix(10))) {
                #expect(date.description == String(text.prefix(10)))
                _ = try? SessionCalendar.nyse.closure(on: date)
                _ = try? NewYorkTime.timestamp(date: date, secondOfDay: 0)
            }
        }
    }

    /// Every instant, the ends of the range included, prints in UTC and in New York time, and parses back.
    @Test func everyInstantPrintsAndParsesBack() async {
        let instants = Gen.frequency(
            (8, Gen.int64()), (1, Gen.int64(in: Int64.min...(Int64.min + 1_000_000_000_000))), (1, Gen.int64(in: (Int64.max - 1_000_000_000_000)...Int64.max)))
        await propertyCheck(count: FuzzBudget.count(3000), input: instants) { nanoseconds in
            let instant = Timestamp(nanoseconds: nanoseconds)
            #expect((try? Timestamp(parsing: instant.iso8601())) == instant, "\(instant.iso8601())")
            #expect((try? Timestamp(parsing: instant.newYorkISO8601)) == instant, "\(instant.newYorkISO8601)")
        }
    }

    static func check(_ text: String) {
        let instant: Timestamp
        do {
            instant = try Timestamp(parsing: text)
        } catch {
            #expect(error.code == .invalidTimestamp || error.code == .timeOutOfRange, "\(error)")
            #expect(error.message.contains(JSONText.quoted(text)), "\(error.message)")
            #expect(!error.message.contains("\n"))
            return
        }
        #expect((try? Timestamp(parsing: instant.iso8601())) == instant, "\(text) → \(instant.iso8601())")
        #expect((try? Timestamp(parsing: instant.newYorkISO8601)) == instant, "\(text) → \(instant.newYorkISO8601)")
    }
}
