import MarketData
import Testing

@testable import TapeCodec

/// A small deterministic generator (SplitMix64) for random records.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension ColumnReader {
    /// The result of reading this whole column with `body`; `nil` if a read failed or bytes remain.
    func readWhole<Result>(_ body: (inout ColumnReader) -> Result) -> Result? {
        var reader = self
        let result = body(&reader)
        return !reader.failed && reader.isAtEnd ? result : nil
    }
}

struct SegmentCodecTests {
    /// Doubles that must survive bit for bit: signed zeros, subnormals, extremes, non-decimals.
    static let awkwardDoubles: [Double] = [
        0, -0.0, 500.01, 0.0001, 1e-320, -Double.leastNonzeroMagnitude, Double.leastNormalMagnitude,
        Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 1.0 / 3.0, 9_007_199_254_740_993,
        123_456.123456789, .infinity, -.infinity, .nan, Double(bitPattern: 0x7FF8_0000_0000_BEEF),
    ]

    static func randomDouble(_ rng: inout SplitMix) -> Double {
        switch rng.next() % 4 {
        case 0: awkwardDoubles.randomElement(using: &rng)!
        case 1: Double(Int64.random(in: 1...100_000_000, using: &rng)) / 100
        case 2: Double(bitPattern: rng.next())
        default: Double(Int64.random(in: 0...1_000_000, using: &rng))
        }
    }

    static func randomInt(_ rng: inout SplitMix) -> Int {
        switch rng.next() % 3 {
        case 0: [Int.min, Int.max, 0, -1].randomElement(using: &rng)!
        case 1: Int(truncatingIfNeeded: rng.next())
        default: Int.random(in: 0...20, using: &rng)
        }
    }

    static func randomCodes(_ rng: inout SplitMix) -> ConditionCodes? {
        switch rng.next() % 4 {
        case 0: nil
        case 1: []
        case 2: ConditionCodes((0..<Int.random(in: 1...4, using: &rng)).map { _ in Int32.random(in: 0...255, using: &rng) })
        default: ConditionCodes((0..<Int.random(in: 8...40, using: &rng)).map { _ in Int32(truncatingIfNeeded: rng.next()) })
        }
    }

    static func randomTime(_ rng: inout SplitMix) -> Timestamp {
        rng.next() % 10 == 0
            ? Timestamp(nanoseconds: [Int64.min, Int64.max, 0, -1].randomElement(using: &rng)!)
            : Timestamp(nanoseconds: 1_710_509_400_000_000_000 + Int64.random(in: 0...1_000_000_000_000, using: &rng))
    }

    static func randomID(_ rng: inout SplitMix) -> TradeID {
        TradeID(
            [
                "0", "007", "52983525029125", "999999999999999999", "9999999999999999999", "", "Ω-東京-🚀", "12a", "-5",
                String(rng.next() % 1_000_000),
            ].randomElement(using: &rng)!)
    }

    static func randomTrades(seed: UInt64, count: Int) -> [Trade] {
        var rng = SplitMix(state: seed)
        return (0..<count).map { _ in
            Trade(
                sipTimestamp: randomTime(&rng),
                participantTimestamp: rng.next() % 3 == 0 ? nil : randomTime(&rng),
                trfTimestamp: rng.next() % 2 == 0 ? nil : randomTime(&rng),
                price: randomDouble(&rng), size: randomDouble(&rng), exchange: randomInt(&rng),
                tape: rng.next() % 4 == 0 ? nil : randomInt(&rng), conditions: randomCodes(&rng), id: randomID(&rng),
                sequenceNumber: Int64(truncatingIfNeeded: rng.next()),
                correction: rng.next() % 3 == 0 ? randomInt(&rng) : nil,
                trfId: rng.next() % 3 == 0 ? randomInt(&rng) : nil)
        }
    }

    static func randomQuotes(seed: UInt64, count: Int) -> [Quote] {
        var rng = SplitMix(state: seed)
        return (0..<count).map { _ in
            Quote(
                sipTimestamp: randomTime(&rng),
                participantTimestamp: rng.next() % 3 == 0 ? nil : randomTime(&rng),
                trfTimestamp: rng.next() % 2 == 0 ? nil : randomTime(&rng),
                bidPrice: randomDouble(&rng), bidSize: randomDouble(&rng), bidExchange: randomInt(&rng),
                askPrice: randomDouble(&rng), askSize: randomDouble(&rng), askExchange: randomInt(&rng),
                conditions: randomCodes(&rng), indicators: randomCodes(&rng),
                sequenceNumber: Int64(truncatingIfNeeded: rng.next()), tape: rng.next() % 4 == 0 ? nil : randomInt(&rng))
        }
    }

    static func randomBars(seed: UInt64, count: Int) -> [Bar] {
        var rng = SplitMix(state: seed)
        return (0..<count).map { _ in
            Bar(
                start: randomTime(&rng), timeframe: Timeframe.allCases.randomElement(using: &rng)!,
                open: randomDouble(&rng), high: randomDouble(&rng), low: randomDouble(&rng), close: randomDouble(&rng),
                volume: randomDouble(&rng), vwap: rng.next() % 3 == 0 ? nil : randomDouble(&rng),
                transactions: rng.next() % 3 == 0 ? nil : randomInt(&rng), otc: rng.next() % 5 == 0)
        }
    }

    /// Bit-level equality (``BitIdentity``), as the recorder tests use it too.
    static func same(_ a: Trade, _ b: Trade) -> Bool { BitIdentity.same(a, b) }
    static func same(_ a: Quote, _ b: Quote) -> Bool { BitIdentity.same(a, b) }
    static func same(_ a: Bar, _ b: Bar) -> Bool { BitIdentity.same(a, b) }

    static func roundTrip<R: ColumnarRecord>(_ records: [R]) throws -> [R] {
        let segment = SegmentCodec.encode(records)
        return try SegmentCodec.decode(segment.payload, rawSize: segment.rawSize, count: segment.count, codecVersion: segment.codecVersion)
    }

    @Test(arguments: [1, 2, 3, 42, 0xDEAD_BEEF] as [UInt64])
    func tradesRoundTripBitForBit(seed: UInt64) throws {
        let trades = Self.randomTrades(seed: seed, count: 500)
        let decoded = try Self.roundTrip(trades)
        #expect(decoded.count == trades.count)
        #expect(zip(trades, decoded).allSatisfy(Self.same))
    }

    @Test(arguments: [1, 7, 99] as [UInt64])
    func quotesRoundTripBitForBit(seed: UInt64) throws {
        let quotes = Self.randomQuotes(seed: seed, count: 500)
        let decoded = try Self.roundTrip(quotes)
        #expect(decoded.count == quotes.count)
        #expect(zip(quotes, decoded).allSatisfy(Self.same))
    }

    @Test(arguments: [1, 5] as [UInt64])
    func barsRoundTripBitForBit(seed: UInt64) throws {
        let bars = Self.randomBars(seed: seed, count: 300)
        let decoded = try Self.roundTrip(bars)
        #expect(decoded.count == bars.count)
        #expect(zip(bars, decoded).allSatisfy(Self.same))
    }

    @Test func emptySegmentsRoundTrip() throws {
        #expect(try Self.roundTrip([Trade]()).isEmpty)
        #expect(try Self.roundTrip([Quote]()).isEmpty)
        #expect(try Self.roundTrip([Bar]()).isEmpty)
        #expect(SegmentCodec.encode([Trade]()).firstTime == nil)
    }

    @Test(arguments: awkwardDoubles)
    func decimalColumnKeepsEveryBitPattern(_ value: Double) {
        for differenced in [true, false] {
            var column = ColumnWriter()
            DecimalColumn.write([value, 500.01, value], differenced: differenced, to: &column)
            column.bytes.withUnsafeBufferPointer { buffer in
                let reader = ColumnReader(base: buffer.baseAddress!, start: 0, end: buffer.count)
                let values = reader.readWhole { DecimalColumn.read(&$0, count: 3, differenced: differenced) } ?? nil
                #expect(values?.map(\.bitPattern) == [value.bitPattern, (500.01).bitPattern, value.bitPattern])
            }
        }
    }

    /// Varints and zig-zag worked by hand (counts, dictionary entries and traits are varints).
    static let varintCases: [(Int64, [UInt8])] = [
        (0, [0x00]), (-1, [0x01]), (1, [0x02]), (-3, [0x05]), (63, [0x7E]), (64, [0x80, 0x01]),
        (150, [0xAC, 0x02]), (Int64.min, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: varintCases)
    func zigZagVarintBytes(_ value: Int64, _ expected: [UInt8]) {
        var column = ColumnWriter()
        column.signed(value)
        #expect(column.bytes == expected)
        column.bytes.withUnsafeBufferPointer { buffer in
            var reader = ColumnReader(base: buffer.baseAddress!, start: 0, end: buffer.count)
            #expect(reader.signed() == value)
        }
    }

    /// Prices 500.01, 500.02 and -0.0 at scale 10², differenced: exponent byte 2; k = 50001, 50002, and
    /// -0.0 has no scaled form, so its k repeats 50002 (delta 0) and it becomes exception 1. Deltas
    /// 50001, 1, 0 zig-zag to 100002, 2, 0; packed plain (9 bytes; a dictionary would take 9 too, and only
    /// a smaller one is chosen): mode 0, count 3, width 17 (100002 < 2¹⁷), then 51 bits =
    /// 100002 | 2 << 17 = 0x586A2 in 7 bytes. Exceptions: count 1, index 2, the bit pattern
    /// 0x8000000000000000 little-endian.
    @Test func decimalColumnByHand() {
        var column = ColumnWriter()
        DecimalColumn.write([500.01, 500.02, -0.0], differenced: true, to: &column)
        #expect(column.bytes == [0x02, 0x00, 0x03, 0x11, 0xA2, 0x86, 0x05, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x80])
    }

    /// Five values in 3 bits, least significant first: 1 | 2 << 3 | 3 << 6 | 4 << 9 | 5 << 12 = 0x58D1.
    /// 129 values: a block of 128 zeros costs its width byte alone, the next block holds 7 in 3 bits.
    /// Widths over 57 bits take the byte-by-byte path.
    @Test(
        arguments: [
            ([1, 2, 3, 4, 5], [0x05, 0x03, 0xD1, 0x58]),
            ([UInt64](repeating: 0, count: 128) + [7], [0x81, 0x01, 0x00, 0x03, 0x07]),
            ([UInt64.max, 1], [0x02, 0x40] + [UInt8](repeating: 0xFF, count: 8) + [0x01, 0, 0, 0, 0, 0, 0, 0]),
            ([], [0x00]),
        ] as [([UInt64], [UInt8])])
    func packedColumnByHand(_ values: [UInt64], _ expected: [UInt8]) {
        var column = ColumnWriter()
        PackedColumn.write(values, to: &column)
        #expect(column.bytes == expected)
        #expect(PackedColumn.size(values) == expected.count)
        column.bytes.withUnsafeBufferPointer { buffer in
            let reader = ColumnReader(base: buffer.baseAddress!, start: 0, end: buffer.count)
            #expect(reader.readWhole { PackedColumn.read(&$0, maximumCount: values.count) } == values)
        }
    }

    /// Every width from 0 to 64 with values that fill it, so both unpacking paths meet every shift.
    @Test func packedColumnRoundTripsEveryWidth() {
        var rng = SplitMix(state: 5)
        for width in 0...64 {
            let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
            let values = (0..<300).map { index in index == 7 ? mask : rng.next() & mask }
            var column = ColumnWriter()
            PackedColumn.write(values, to: &column)
            column.bytes.withUnsafeBufferPointer { buffer in
                let reader = ColumnReader(base: buffer.baseAddress!, start: 0, end: buffer.count)
                #expect(reader.readWhole { PackedColumn.read(&$0, maximumCount: 300) } == values, "width \(width)")
            }
        }
    }

    /// 7 ×4, 300 ×2, 9 ×1: ranks by frequency 7 → 0, 300 → 1, 9 → 2. Plain packing needs 9 bits × 7 = 8
    /// bytes + 2; the dictionary (d = 3; 07, AC 02, 09) and 2-bit ranks 0,0,0,1,0,1,2 (bits 6, 10 and
    /// 13 set: 0x2440) take 9, so it is chosen.
    @Test func integerColumnChoosesTheDictionaryByHand() {
        let values: [UInt64] = [7, 7, 7, 300, 7, 300, 9]
        var column = ColumnWriter()
        IntegerColumn.write(values, to: &column)
        #expect(column.bytes == [0x01, 0x03, 0x07, 0xAC, 0x02, 0x09, 0x07, 0x02, 0x40, 0x24])
        column.bytes.withUnsafeBufferPointer { buffer in
            let reader = ColumnReader(base: buffer.baseAddress!, start: 0, end: buffer.count)
            #expect(reader.readWhole { IntegerColumn.read(&$0, maximumCount: 7, as: .bitPattern) } == values.map { Int64($0) })
        }
    }

    /// Most frequent first; equally frequent values keep the order they first appeared in. A hash that
    /// sends everything to one slot must still count right (it only costs probes).
    @Test func rankedValuesOrderByFrequencyThenFirstAppearance() throws {
        let texts = ["b", "a", "c", "a", "c", "d"]
        for hash in [{ (index: Int) in UInt64(texts[index].utf8.first!) }, { _ in 0 }] {
            let ranked = try #require(RankedValues(count: texts.count, hash: hash, equal: { texts[$0] == texts[$1] }))
            #expect(ranked.distinct.map { texts[$0] } == ["a", "c", "b", "d"])
            #expect(ranked.ranks == [2, 0, 1, 0, 1, 3])
        }
        #expect(RankedValues([1, 2, 3] as [UInt64], limit: 2) == nil)
        // Past the table's first growth (64 slots, half full), with repeats.
        let values = (0..<1000).map { UInt64($0 % 300) * 7919 }
        let ranked = try #require(RankedValues(values))
        #expect(ranked.distinct.count == 300)
        #expect(zip(values, ranked.ranks).allSatisfy { values[ranked.distinct[Int($1)]] == $0 })
        #expect(ranked.distinct.prefix(100).map { values[$0] } == (0..<100).map { UInt64($0) * 7919 })
    }

    /// A dictionary rank past the table is malformed, not a crash.
    @Test func dictionaryRanksPastTheTableAreRejected() {
        let hostile: [UInt8] = [0x01, 0x01, 0x07, 0x02, 0x02, 0x01, 0x0C]  // d = 1, ranks 0 and 3
        hostile.withUnsafeBufferPointer { buffer in
            let reader = ColumnReader(base: buffer.baseAddress!, start: 0, end: buffer.count)
            #expect(reader.readWhole { IntegerColumn.read(&$0, maximumCount: 2, as: .bitPattern) } ?? nil == nil)
        }
    }

    /// One bar at 00:01 UTC 1970, o 1.5 h 2 l 1 c 1.25 v 100, 3 transactions, no VWAP. Integer columns are
    /// mode 0 (plain), count 1, the width, the packed bits; decimal columns add the exponent before and
    /// an exception count of 0 after.
    @Test func barSegmentLayoutByHand() throws {
        let bar = Bar(
            start: Timestamp(nanoseconds: 60_000_000_000), open: 1.5, high: 2, low: 1, close: 1.25, volume: 100,
            transactions: 3)
        let columns: [[UInt8]] = [
            [0x00, 0x01, 0x25, 0x00, 0xB0, 0x8E, 0xF0, 0x1B],  // start: zig-zag(6e10) = 1.2e11 = 0x1BF08EB000, 37 bits
            [0x00, 0x01, 0x02, 0x02],  // traits: transactions present (2), timeframe index 0
            [0x01, 0x00, 0x01, 0x05, 0x1E, 0x00],  // open: scale 10¹, k = 15 → zig-zag 30 in 5 bits
            [0x00, 0x00, 0x01, 0x03, 0x04, 0x00],  // high: scale 1, k = 2 → 4
            [0x00, 0x00, 0x01, 0x02, 0x02, 0x00],  // low
            [0x02, 0x00, 0x01, 0x08, 0xFA, 0x00],  // close: scale 10², k = 125 → 250
            [0x00, 0x00, 0x01, 0x08, 0xC8, 0x00],  // volume: k = 100 → 200
            [0x00, 0x00, 0x00, 0x00],  // vwap: no values
            [0x00, 0x01, 0x03, 0x06],  // transactions: zig-zag(3) = 6
        ]
        let header: [UInt8] = [1, 9] + columns.map { UInt8($0.count) }
        #expect(Bar.encodeColumns([bar]).bytes == header + columns.flatMap { $0 })
        let decoded = try Self.roundTrip([bar])
        #expect(decoded == [bar])
    }

    @Test func corruptColumnsAreRejectedNotMisread() {
        let trades = Self.randomTrades(seed: 9, count: 50)
        let raw = Trade.encodeColumns(trades).bytes
        var rejected = 0
        for index in stride(from: 0, to: raw.count, by: 7) {
            var damaged = raw
            damaged[index] ^= 0xFF
            let decoded = damaged.withUnsafeBufferPointer { Trade.decodeColumns($0, count: trades.count) }
            if let decoded {
                // A flip inside a value can decode to other values; the SHA-256 in the archive catches
                // those. It must never crash or return a different count.
                #expect(decoded.count == trades.count)
            } else {
                rejected += 1
            }
        }
        #expect(rejected > 0)
        #expect(raw.withUnsafeBufferPointer { Trade.decodeColumns($0, count: trades.count + 1) } == nil)
    }

    /// A packed column of width 0 claims any count without bytes to back it: a huge count must be refused
    /// before anything is allocated (here 2⁶³ − 1 SIP deltas or participant/TRF offsets), never trap.
    @Test(arguments: [0, 1, 2])
    func impossiblePackedCountsAreRejected(_ columnIndex: Int) throws {
        let trades = Self.randomTrades(seed: 11, count: 40)
        let raw = Trade.encodeColumns(trades).bytes
        let columns = try #require(raw.withUnsafeBufferPointer { SegmentCodec.columns($0, count: trades.count, expectedColumns: 9) })
        var writers = columns.map { column in
            var writer = ColumnWriter()
            writer.bytes = Array(raw[column.position..<column.end])
            return writer
        }
        var hostile = ColumnWriter()
        if columnIndex == 0 { hostile.signed(0) }  // the SIP column starts with the first time
        hostile.byte(0)  // plain mode
        hostile.varint(UInt64(Int64.max))
        hostile.byte(0)
        writers[columnIndex] = hostile
        let damaged = SegmentCodec.assemble(count: trades.count, writers).bytes
        #expect(damaged.withUnsafeBufferPointer { Trade.decodeColumns($0, count: trades.count) } == nil)
    }

    /// A packed column may claim no more values than its bytes can hold (a width byte per 128), whatever
    /// the caller's maximum: 129 values need two blocks, so one byte is not enough.
    @Test func packedCountsBeyondTheBytesAreRejected() {
        for bytes in [[0x81, 0x01, 0x00] as [UInt8], [0x80, 0x01, 0x00]] {
            bytes.withUnsafeBufferPointer { buffer in
                var reader = ColumnReader(base: buffer.baseAddress!, start: 0, end: buffer.count)
                let values = PackedColumn.read(&reader, maximumCount: 1_000)
                #expect((values == nil) == (bytes[0] == 0x81))
            }
        }
    }

    /// The densest segments the encoder writes — identical records, one width-0 block per 128 of them
    /// in every column — still pass the row-size bounds and round-trip.
    @Test func densestSegmentsRoundTrip() throws {
        let quote = Quote(
            sipTimestamp: Timestamp(nanoseconds: 0), bidPrice: 0, bidSize: 0, bidExchange: 0, askPrice: 0, askSize: 0,
            askExchange: 0, sequenceNumber: 0)
        let quotes = [Quote](repeating: quote, count: 5_000)
        let segment = SegmentCodec.encode(quotes)
        #expect(segment.rawSize * 8 < quotes.count)
        #expect(try Self.roundTrip(quotes) == quotes)
    }

    /// Numeric trade ids are canonical decimals; a negative or 19-digit number in that column is a
    /// malformed payload, not a text id.
    @Test(arguments: [-5, TradeID.largestNumber + 1] as [Int64])
    func nonCanonicalNumericIDsAreRejected(_ value: Int64) throws {
        let trade = Trade(sipTimestamp: Timestamp(nanoseconds: 1), price: 1, size: 1, exchange: 1, id: TradeID(5), sequenceNumber: 1)
        let raw = Trade.encodeColumns([trade]).bytes
        let columns = try #require(raw.withUnsafeBufferPointer { SegmentCodec.columns($0, count: 1, expectedColumns: 9) })
        var writers = columns.map { column in
            var writer = ColumnWriter()
            writer.bytes = Array(raw[column.position..<column.end])
            return writer
        }
        var ids = ColumnWriter()
        IntegerColumn.writeSigned([value], differenced: true, to: &ids)
        writers[6] = ids
        let damaged = SegmentCodec.assemble(count: 1, writers).bytes
        #expect(damaged.withUnsafeBufferPointer { Trade.decodeColumns($0, count: 1) } == nil)
        writers[6] = {
            var valid = ColumnWriter()
            IntegerColumn.writeSigned([5], differenced: true, to: &valid)
            return valid
        }()
        let intact = SegmentCodec.assemble(count: 1, writers).bytes
        #expect(intact.withUnsafeBufferPointer { Trade.decodeColumns($0, count: 1) } == [trade])
    }

    /// Sizes in a segment row that no encoder writes are a corrupt-archive error before any allocation.
    @Test(arguments: [(Int.max, 3), (-1, 3), (100, -1), (100, 101)])
    func impossibleRowSizesAreACorruptArchiveError(_ rawSize: Int, _ count: Int) throws {
        let segment = SegmentCodec.encode(Self.randomBars(seed: 2, count: 3))
        #expect {
            let _: [Bar] = try SegmentCodec.decode(segment.payload, rawSize: rawSize, count: count, codecVersion: segment.codecVersion)
        } throws: { ($0 as? TapeDeckError)?.code == .corruptArchive }
    }

    @Test func damagedZlibPayloadIsACorruptArchiveError() throws {
        var segment = SegmentCodec.encode(Self.randomQuotes(seed: 3, count: 100))
        segment.payload[segment.payload.count / 2] ^= 0x10
        #expect {
            let _: [Quote] = try SegmentCodec.decode(
                segment.payload, rawSize: segment.rawSize, count: segment.count, codecVersion: segment.codecVersion)
        } throws: { ($0 as? TapeDeckError)?.code == .corruptArchive }
    }

    @Test func newerCodecVersionIsRefused() {
        let segment = SegmentCodec.encode(Self.randomBars(seed: 1, count: 3))
        #expect {
            let _: [Bar] = try SegmentCodec.decode(segment.payload, rawSize: segment.rawSize, count: 3, codecVersion: 99)
        } throws: { ($0 as? TapeDeckError)?.code == .newerArchiveSchema }
    }
}
