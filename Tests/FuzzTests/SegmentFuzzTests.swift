import CZlib
import MarketData
import MarketSimulator
import PropertyBased
import TapeArchive
import TapeCodec
import Testing

/// Fuzz target: the segment decoder (`SegmentCodec.decode`). Columnar bytes of real segments, mutated,
/// compressed again (so the mutations reach the column decoders rather than stopping at zlib's checksum)
/// or mutated after compression, with record counts that fit or not: the decoder either returns exactly
/// the records asked for, which encode and decode to themselves, or throws `corruptArchive`. Never a
/// trap, never an allocation the sizes cannot justify.
struct SegmentFuzzTests {
    struct Seed: Sendable {
        var columns: [UInt8]
        var payload: [UInt8]
        var count: Int
        var decode: @Sendable ([UInt8], Int, Int) throws(TapeDeckError) -> Int
    }

    /// Segments of simulated trades, quotes and bars: a few records, one, none.
    static let corpus: [Seed] = {
        let symbol = try! Symbol("FUZZ")
        let simulator = MarketSimulator(seed: 11, profileOverrides: [symbol: .mid])
        let day = try! LocalDate(parsing: "2024-03-15")
        let window = TimeWindow(uncheckedStart: NewYorkTime.instant(day, hour: 9, minute: 59), end: NewYorkTime.instant(day, hour: 10, minute: 1))
        let trades = simulator.trades(symbol, in: window)
        let quotes = Array(simulator.quotes(symbol, in: window).prefix(60))
        let bars = simulator.minuteBars(
            symbol, in: TimeWindow(uncheckedStart: window.start, end: window.start.advanced(by: 20 * Timestamp.nanosecondsPerMinute)))
        return [seed(trades), seed(Array(trades.prefix(1))), seed([Trade]()), seed(quotes), seed(bars), seed(Array(bars.prefix(2)))]
    }()

    static func seed<Record: ArchivableRecord>(_ records: [Record]) -> Seed {
        let segment = SegmentCodec.encode(records)
        return Seed(columns: Record.encodeColumns(records).bytes, payload: segment.payload, count: records.count) {
            (payload, rawSize, count) throws(TapeDeckError) in
            let decoded = try SegmentCodec.decode(payload, rawSize: rawSize, count: count, codecVersion: SegmentCodec.version, as: Record.self)
            // What decodes is a valid tape: it encodes and decodes to itself.
            let again = SegmentCodec.encode(decoded)
            let roundTrip = try SegmentCodec.decode(
                again.payload, rawSize: again.rawSize, count: again.count, codecVersion: again.codecVersion, as: Record.self)
            #expect(roundTrip.count == decoded.count)
            #expect(zip(roundTrip, decoded).allSatisfy { Self.same($0, $1) }, "a decoded segment did not survive re-encoding")
            return decoded.count
        }
    }

    /// Equal, or equal but for NaNs in the same places (a column may hold any bits).
    static func same<Record: ArchivableRecord>(_ a: Record, _ b: Record) -> Bool {
        a == b || String(describing: a) == String(describing: b)
    }

    static let tokens: [[UInt8]] = [
        [0], [0xFF], [0x80], [0x7F], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
        [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [1, 0], [64], [0, 0, 0, 0],
    ]

    @Test func mutatedColumnsDecodeOrFailCleanly() async {
        await propertyCheck(
            count: FuzzBudget.count(1500), input: Gen.int(in: 0...(Self.corpus.count - 1)), Gen.uint32().array(of: 1...6),
            Gen.int(in: -2...2)
        ) { index, operations, countChange in
            let seed = Self.corpus[index]
            let columns = Mutator.apply(operations, to: seed.columns, dictionary: Self.tokens)
            Self.check(seed, payload: Self.compress(columns), rawSize: columns.count, count: max(0, seed.count + countChange))
        }
    }

    @Test func mutatedPayloadsDecodeOrFailCleanly() async {
        await propertyCheck(
            count: FuzzBudget.count(500), input: Gen.int(in: 0...(Self.corpus.count - 1)), Gen.uint32().array(of: 1...4),
            Gen.int(in: -64...64)
        ) { index, operations, sizeChange in
            let seed = Self.corpus[index]
            let payload = Mutator.apply(operations, to: seed.payload, dictionary: Self.tokens)
            Self.check(seed, payload: payload, rawSize: max(0, seed.columns.count + sizeChange), count: seed.count)
        }
    }

    static func check(_ seed: Seed, payload: [UInt8], rawSize: Int, count: Int) {
        do {
            #expect(try seed.decode(payload, rawSize, count) == count)
        } catch {
            #expect(error.code == .corruptArchive, "\(error)")
            #expect(!error.message.contains("\n"))
        }
    }

    /// One zlib stream of `bytes`, as the archive stores a segment.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var bound = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let status = out.withUnsafeMutableBufferPointer { output in
            bytes.withUnsafeBufferPointer { input in
                compress2(output.baseAddress, &bound, input.baseAddress, uLong(input.count), 6)
            }
        }
        precondition(status == Z_OK, "zlib could not compress")
        return Array(out.prefix(Int(bound)))
    }
}
