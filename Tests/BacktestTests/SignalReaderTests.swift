import Backtest
import MarketData
import Testing

/// Signals files as editors and spreadsheets save them: Windows line ends, a byte order mark, UTF-16,
/// stray bytes, and entries in years no nanosecond timestamp holds.
struct SignalReaderTests {
    static let expected = [
        Signal(symbol: symbol("ETSY"), entry: time("2024-03-15 10:00"), id: "c1", location: "s.csv:2"),
        Signal(symbol: symbol("SPY"), entry: time("2024-03-15 10:30"), id: nil, location: "s.csv:3"),
    ]

    /// The same file with every line ending, with and without a UTF-8 byte order mark, reads the same
    /// signals with the same line numbers.
    @Test(arguments: ["\n", "\r\n", "\r"], [false, true])
    func lineEndsAndByteOrderMarkReadAlike(_ newline: String, _ bom: Bool) throws {
        let text = ["symbol,entry_time,id", "ETSY,2024-03-15 10:00,c1", "SPY,2024-03-15 10:30", ""].joined(separator: newline)
        let bytes = (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        #expect(try SignalReader.parse(bytes: bytes, file: "s.csv") == Self.expected)
        #expect(try SignalReader.parse(String(decoding: bytes, as: UTF8.self), file: "s.csv") == Self.expected)
    }

    /// JSON lines with Windows line ends.
    @Test func jsonLinesWithCRLF() throws {
        let text =
            "\u{FEFF}{\"symbol\":\"ETSY\",\"entry_time\":\"2024-03-15 10:00\",\"id\":\"c1\"}\r\n\r\n"
            + "{\"symbol\":\"SPY\",\"entry_time\":\"2024-03-15 10:30\"}\r\n"
        let signals = try SignalReader.parse(text, file: "s.jsonl")
        #expect(signals.map(\.symbol) == [symbol("ETSY"), symbol("SPY")])
        #expect(signals.map(\.location) == ["s.jsonl:1", "s.jsonl:3"])
    }

    @Test(arguments: [[UInt8(0xFF), 0xFE], [0xFE, 0xFF]])
    func utf16IsNamed(_ mark: [UInt8]) {
        let bytes = mark + Array("S\0P\0Y\0".utf8)
        let error = #expect(throws: TapeDeckError.self) { try SignalReader.parse(bytes: bytes, file: "w.csv") }
        #expect(error?.message.hasPrefix("w.csv:1:") == true)
        #expect(error?.message.contains("UTF-16") == true)
    }

    @Test func bytesThatAreNotUTF8NameTheirLine() {
        let bytes = Array("symbol,entry_time\nSPY,2024-03-15 10:00\n".utf8) + [0x43, 0xC3, 0x28] + Array(",2024-03-15 10:00\n".utf8)
        let error = #expect(throws: TapeDeckError.self) { try SignalReader.parse(bytes: bytes, file: "b.csv") }
        #expect(error?.message.hasPrefix("b.csv:3:") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("UTF-8") == true)
    }

    /// An entry no 64-bit nanosecond count holds is an error naming the line, the value and the range.
    @Test(arguments: ["9999-03-15 10:00", "1600-03-15 10:00", "2262-04-12T10:00:00Z", "0001-01-01 00:00"])
    func farEntriesAreErrorsNamingTheLine(_ entry: String) {
        let error = #expect(throws: TapeDeckError.self) { try SignalReader.parse("ETSY,\(entry),x\r\n", file: "far.csv") }
        let message = error?.message ?? ""
        #expect(message.hasPrefix("far.csv:1:"), "\(message)")
        #expect(message.contains(entry) && message.contains("through 2262-04-11T23:47:16.854775807Z"), "\(message)")
        #expect(!message.contains("\n"))
    }
}
