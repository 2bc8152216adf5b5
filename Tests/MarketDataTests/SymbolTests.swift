import MarketData
import Testing

struct SymbolTests {
    @Test(arguments: ["SPY", "AAPL", "BRK.A", "BF.B", "A", "QQQ", "GOOGL", "X", "ABCDEFGHIJ"])
    func acceptsTickers(_ text: String) throws {
        #expect(try Symbol(text).rawValue == text)
    }

    @Test(arguments: [
        ("", "empty"), ("spy", "uppercase (did you mean SPY?)"), ("aapl", "did you mean AAPL?"),
        ("SP Y", "space"), (" SPY", "space"), ("BRK/A", "slash"), ("BRK.", "dot"), (".A", "start with a letter"),
        ("BRK..A", "dot"), ("1SPY", "start with a letter"), ("ABCDEFGHIJK", "longer than 10"), ("SPY$", "other than"),
        ("ÄPPLE", "other than"),
    ])
    func rejectsGarbageNamingIt(_ text: String, _ reason: String) {
        let error = #expect(throws: TapeDeckError.self) { try Symbol(text) }
        #expect(error?.code == .invalidSymbol)
        #expect(error?.message.contains("\"\(text)\"") == true)
        #expect(error?.message.contains(reason) == true)
    }

    @Test func parsesLists() throws {
        #expect(try Symbol.list(parsing: "SPY,AAPL, BRK.A ,SPY").map(\.rawValue) == ["SPY", "AAPL", "BRK.A"])
        #expect(throws: TapeDeckError.self) { try Symbol.list(parsing: "SPY,,AAPL") }
    }
}

struct TimeframeTests {
    @Test(arguments: [
        ("1min", Timeframe.minute1, 1, "minute"), ("5min", .minute5, 5, "minute"), ("15min", .minute15, 15, "minute"),
        ("30min", .minute30, 30, "minute"), ("1hour", .hour1, 1, "hour"), ("daily", .daily, 1, "day"),
    ])
    func parsesNamesAndPolygonRanges(_ name: String, _ timeframe: Timeframe, _ multiplier: Int, _ timespan: String) throws {
        #expect(try Timeframe(parsing: name) == timeframe)
        #expect(try Timeframe(multiplier: multiplier, timespan: timespan) == timeframe)
        #expect(timeframe.polygonRange.multiplier == multiplier)
        #expect(timeframe.polygonRange.timespan == timespan)
    }

    @Test func sixtyMinutesIsAnHour() throws {
        #expect(try Timeframe(multiplier: 60, timespan: "minute") == .hour1)
        #expect(Timeframe.hour1.duration == 3_600_000_000_000)
        #expect(Timeframe.daily.duration == nil)
    }

    @Test(arguments: ["2min", "1h", "", "DAILY"])
    func rejectsUnknownNames(_ text: String) {
        let error = #expect(throws: TapeDeckError.self) { try Timeframe(parsing: text) }
        #expect(error?.message.contains("\"\(text)\"") == true)
        #expect(error?.message.contains("1min, 5min, 15min, 30min, 1hour, daily") == true)
    }

    @Test(arguments: [(7, "minute"), (2, "day"), (1, "week"), (1, "second")])
    func rejectsUnsupportedPolygonRanges(_ multiplier: Int, _ timespan: String) {
        let error = #expect(throws: TapeDeckError.self) { try Timeframe(multiplier: multiplier, timespan: timespan) }
        #expect(error?.message.contains("\(multiplier)/\(timespan)") == true)
    }
}

struct TimeWindowTests {
    let t0 = Timestamp(nanoseconds: 1_000)
    let t1 = Timestamp(nanoseconds: 2_000)
    let t2 = Timestamp(nanoseconds: 3_000)

    @Test func isHalfOpen() throws {
        let window = try TimeWindow(start: t0, end: t1)
        #expect(window.contains(t0))
        #expect(!window.contains(t1))
        #expect(window.contains(t1.advanced(by: -1)))
        #expect(window.duration == 1_000)
        #expect(try TimeWindow(start: t1, end: t1).isEmpty)
    }

    @Test func intersectsAndUnites() throws {
        let a = try TimeWindow(start: t0, end: t1)
        let b = try TimeWindow(start: t1, end: t2)
        #expect(a.intersection(b) == nil)  // touching windows share no instant
        #expect(a.union(b) == (try TimeWindow(start: t0, end: t2)))
        #expect(try TimeWindow(start: t0, end: t2).intersection(b) == b)
        #expect(try TimeWindow(start: t0, end: t2).contains(b))
    }

    @Test func reversedBoundsAreAnError() {
        let error = #expect(throws: TapeDeckError.self) { try TimeWindow(start: t1, end: t0) }
        #expect(error?.code == .invalidWindow)
        #expect(error?.message.contains(t0.iso8601()) == true)
    }
}

struct ConditionCodesTests {
    @Test(arguments: [[], [12, 37], [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 4, 5, 6, 7], [300], [14, 70000, 2], [-1]] as [[Int32]])
    func keepsCodesInOrder(_ codes: [Int32]) {
        let list = ConditionCodes(codes)
        #expect(Array(list) == codes)
        #expect(list.count == codes.count)
        var appended = ConditionCodes()
        for code in codes { appended.append(code) }
        #expect(appended == list)
        #expect(list.description == "[" + codes.map(String.init).joined(separator: ",") + "]")
    }

    @Test func equalListsHashEqually() {
        let a: ConditionCodes = [14, 37]
        var b = ConditionCodes()
        b.append(14)
        b.append(37)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != [37, 14])
    }

    /// A spilled list is shared between copies until one of them appends: value semantics hold.
    @Test func spilledListsAreCopiedOnWrite() {
        let original: ConditionCodes = [1, 2, 3, 4, 5, 6, 7, 8]
        var copy = original
        copy.append(900)
        var unique: ConditionCodes = [300]
        unique.append(301)
        #expect(Array(original) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(Array(copy) == [1, 2, 3, 4, 5, 6, 7, 8, 900])
        #expect(Array(unique) == [300, 301])
    }
}

struct TradeIDTests {
    /// Canonical decimals up to 18 digits are numbers; everything else — leading zeros, signs, 19 digits,
    /// letters, the empty string, non-ASCII — stays text. Both give back exactly the text received.
    @Test(
        arguments: [
            ("0", 0), ("7", 7), ("52983525029461", 52_983_525_029_461), ("999999999999999999", 999_999_999_999_999_999),
            ("9999999999999999999", nil), ("007", nil), ("-5", nil), ("+5", nil), ("12a", nil), ("", nil), ("Ω-東京-🚀", nil),
            (" 1", nil),
        ] as [(String, Int64?)])
    func keepsTheTextExactly(_ text: String, _ number: Int64?) {
        let id = TradeID(text)
        #expect(id.number == number)
        #expect(id.description == text)
        #expect(Array(text.utf8).withUnsafeBufferPointer { TradeID(utf8: $0) } == id)
        #expect(id == TradeID(stringLiteral: text))
    }

    /// From a number: the decimal text, at every digit count and boundary; numbers that are not canonical
    /// ids (negative, 19 digits) become their text, which is still what `String(_:)` writes.
    @Test func numbersFormatAsDecimalText() {
        var values: [Int64] = [0, 1, 9, 10, 99, 100, Int64.max, -5, TradeID.largestNumber, TradeID.largestNumber + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1]
        }
        for value in values {
            let id = TradeID(value)
            #expect(id.description == String(value))
            #expect(id == TradeID(String(value)))
            #expect(id.number == (value >= 0 && value <= TradeID.largestNumber ? value : nil))
        }
    }

    @Test func equalIdsHashEqually() {
        #expect(TradeID("12") == TradeID(12))
        #expect(TradeID("12").hashValue == TradeID(12).hashValue)
        #expect(TradeID("x").hashValue == TradeID("x").hashValue)
        #expect(TradeID("012") != TradeID(12))
    }
}
