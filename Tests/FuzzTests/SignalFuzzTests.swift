import Backtest
import MarketData
import PropertyBased
import Testing

/// Fuzz target: the signals reader (`SignalReader`). Any bytes either read as signals, each located on
/// an existing line and with a time that prints and parses back, or fail with a one-line
/// `malformedSignals` error naming the file and a line that exists. Never a trap.
struct SignalFuzzTests {
    static let corpus: [[UInt8]] = [
        "symbol,entry_time,id\nSPY,2024-03-15 09:35,spy-1\nETSY,2024-03-15T10:30:00-04:00,e\n",
        "\u{FEFF}symbol,entry_time,id\r\nCROX,2024-03-15 11:00,\"q\"\r\n# comment\r\n\r\nBRK.A,2024-11-03 01:30:00.5,7\r\n",
        "{\"symbol\":\"SPY\",\"entry_time\":\"2024-03-15 10:00\",\"id\":1}\n{\"symbol\":\"QQQ\",\"entry_time\":\"2024-03-15T14:00:00Z\",\"id\":null}\n",
        "AAPL,2261-12-31 23:59:59.999999999\rMSFT,1678-01-01T00:00:00+18:00,x\r",
        "SPY,9999-12-31 10:00,far\n",
    ].map(\.bytes)

    static let tokens: [[UInt8]] =
        [
            ",", "\n", "\r\n", "\r", "#", "{", "}", "\"", ":", "-", "T", "Z", "+18:00", "-04", ".", "9999", "1677", "2262", "0000",
            "02:30", "\"symbol\":", "\"entry_time\":", "\"id\":", "null", "\u{FEFF}", "\u{2028}", " ", "\t",
        ].map(\.bytes) + [[0xFF, 0xFE], [0xC3], [0x00]]

    @Test func mutatedSignalsReadOrFailCleanly() async {
        await propertyCheck(
            count: FuzzBudget.count(1500), input: Gen.int(in: 0...(Self.corpus.count - 1)), Gen.uint32().array(of: 1...6)
        ) { index, operations in
            Self.check(Mutator.apply(operations, to: Self.corpus[index], dictionary: Self.tokens))
        }
    }

    static func check(_ bytes: [UInt8]) {
        let lines = bytes.count(where: { $0 == 0x0A || $0 == 0x0D }) + 1 + String(decoding: bytes, as: UTF8.self).count(where: \.isNewline)
        let signals: [Signal]
        do {
            signals = try SignalReader.parse(bytes: bytes, file: "f")
        } catch {
            #expect(error.code == .malformedSignals, "\(error)")
            #expect(!error.message.contains("\n") && !error.message.contains("\r"), "\(error.message)")
            let line = Int(error.message.dropFirst(2).prefix { $0.isNumber }) ?? 0
            #expect(error.message.hasPrefix("f:") && (1...lines).contains(line), "\(error.message)")
            return
        }
        for signal in signals {
            let line = Int(signal.location.dropFirst(2)) ?? 0
            #expect(signal.location.hasPrefix("f:") && (1...lines).contains(line), "\(signal.location)")
            #expect((try? Timestamp(parsing: signal.entry.newYorkISO8601)) == signal.entry)
        }
    }
}
