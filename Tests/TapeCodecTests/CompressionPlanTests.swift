import MarketData
import MarketSimulator
import Testing

@testable import TapeCodec

/// The per-section compression plan: its statistics against hand-worked values, the choices it makes on
/// a real segment, and that the result is one ordinary zlib stream.
struct CompressionPlanTests {
    /// Powers of two are exact; log2(10) = 3.321928094887362… (published constant), log2(3) = 1.584962500721156….
    @Test(arguments: [
        (1.0, 0.0), (0.5, -1.0), (0.25, -2.0), (8.0, 3.0), (10.0, 3.321928094887362), (3.0, 1.584962500721156),
        (1.0 / 256, -8.0), (0.1, -3.321928094887362),
    ])
    func log2MatchesKnownValues(_ value: Double, _ expected: Double) {
        #expect(abs(ByteStatistics.log2(value) - expected) < 2e-6)
    }

    /// Uniform over 256 values: 8 bits; two values half and half: 1 bit; one value: 0 bits, share 1;
    /// {a, a, a, b}: −(¾ log2 ¾ + ¼ log2 ¼) = 0.811278… bits, share ¾.
    @Test func entropyByHand() {
        func statistics(_ bytes: [UInt8]) -> ByteStatistics { bytes.withUnsafeBufferPointer { ByteStatistics($0) } }
        #expect(abs(statistics((0...255).map { UInt8($0) }).bitsPerByte - 8) < 1e-4)
        #expect(abs(statistics([7, 9, 7, 9]).bitsPerByte - 1) < 1e-4)
        let constant = statistics([UInt8](repeating: 42, count: 1000))
        #expect(constant.bitsPerByte == 0 && constant.mostCommonShare == 1)
        let skewed = statistics([1, 1, 1, 2])
        #expect(abs(skewed.bitsPerByte - 0.8112781244591328) < 1e-4 && skewed.mostCommonShare == 0.75)
    }

    static func liquidChunk() throws -> [Quote] {
        let session = try SessionCalendar.nyse.sessions(on: Fixture.day).regular
        let start = session.start.nanoseconds + 60 * Timestamp.nanosecondsPerMinute
        let window = try TimeWindow(
            start: Timestamp(nanoseconds: start), end: Timestamp(nanoseconds: start + 10 * Timestamp.nanosecondsPerMinute))
        return MarketSimulator(seed: 1).quotes(Fixture.spy, in: window)
    }

    /// On ten minutes of SPY quotes: the bit-packed SIP deltas and latencies are close to random and
    /// stored; the sequence deltas (nearly all 1, so mostly zero bytes after packing) are run-coded;
    /// sections tile the bytes in order, one per column.
    @Test func largeSegmentsStorePackedTimesAndRunCodeSequences() throws {
        let quotes = try Self.liquidChunk()
        let raw = Quote.encodeColumns(quotes)
        #expect(raw.bytes.count > SegmentCodec.sectionedMinimum)
        let plan = SegmentCodec.compressionPlan(raw, level: 6)
        #expect(plan.last?.end == raw.bytes.count)
        #expect(zip(plan, plan.dropFirst()).allSatisfy { $0.end < $1.end })
        // Section ends: each of the nine columns' starts (SIP, participant, TRF, traits, bid price, bid
        // size, ask price, ask size, sequence), then the end; column c ends where column c + 1 starts.
        #expect(raw.sectionEnds.count == 10)
        func method(ofColumn column: Int) -> Zlib.Method? {
            plan.first { $0.end == raw.sectionEnds[column + 1] }?.method
        }
        #expect(method(ofColumn: 0) == .stored)
        #expect(method(ofColumn: 1) == .stored)
        #expect(method(ofColumn: 8) == .runs)
    }

    /// Whatever the plan, the payload is a standard zlib stream: plain `uncompress` restores the bytes,
    /// and the stored planes appear in it verbatim.
    @Test func sectionedPayloadIsOneStandardZlibStream() throws {
        let quotes = try Self.liquidChunk()
        let raw = Quote.encodeColumns(quotes)
        let plan = SegmentCodec.compressionPlan(raw, level: 6)
        let payload = Zlib.compress(raw.bytes, sections: plan)
        #expect(Zlib.decompress(payload, rawSize: raw.bytes.count) == raw.bytes)
        let storedIndex = try #require(plan.firstIndex { $0.method == .stored })
        let storedStart = storedIndex == 0 ? 0 : plan[storedIndex - 1].end
        let sample = Array(raw.bytes[storedStart..<(storedStart + 64)])
        #expect(payload.firstRange(of: sample) != nil)
        let decoded: [Quote] = try SegmentCodec.decode(
            payload, rawSize: raw.bytes.count, count: quotes.count, codecVersion: SegmentCodec.version)
        #expect(decoded == quotes)
    }

    /// Small segments (illiquid symbols, bars) stay one LZ77 stream at the configured level.
    @Test func smallSegmentsUseOneMethod() {
        let quotes = SegmentCodecTests.randomQuotes(seed: 4, count: 20)
        let raw = Quote.encodeColumns(quotes)
        #expect(raw.bytes.count < SegmentCodec.sectionedMinimum)
        let plan = SegmentCodec.compressionPlan(raw, level: 9)
        #expect(plan.count == 1 && plan[0].end == raw.bytes.count && plan[0].method == .matching(9))
    }

    /// The plan is a function of the bytes: encoding the same records twice gives the same payload.
    @Test func encodingIsDeterministic() throws {
        let quotes = try Self.liquidChunk()
        #expect(SegmentCodec.encode(quotes).payload == SegmentCodec.encode(quotes).payload)
    }
}
