import MarketData
import Testing

@testable import TapeArchive

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

    static func randomID(_ rng: inout SplitMix) -> String {
        ["0", "007", "52983525029125", "999999999999999999", "9999999999999999999", "", "Ω-東京-🚀", "12a", "-5",
         String(rng.next() % 1_000_000)].randomElement(using: &rng)!
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

    /// Bit-level equality, since `==` on `Double` says NaN ≠ NaN and -0.0 == 0.
    static func bits(_ value: Double) -> UInt64 { value.bitPattern }
    static func same(_ a: Trade, _ b: Trade) -> Bool {
        a.sipTimestamp == b.sipTimestamp && a.participantTimestamp == b.participantTimestamp
            && a.trfTimestamp == b.trfTimestamp && bits(a.price) == bits(b.price) && bits(a.size) == bits(b.size)
            && a.exchange == b.exchange && a.tape == b.tape && a.conditions == b.conditions && a.id == b.id
            && a.sequenceNumber == b.sequenceNumber && a.correction == b.correction && a.trfId == b.trfId
            && (a.conditions == nil) == (b.conditions == nil)
    }
    static func same(_ a: Quote, _ b: Quote) -> Bool {
        a.sipTimestamp == b.sipTimestamp && a.participantTimestamp == b.participantTimestamp
            && a.trfTimestamp == b.trfTimestamp && bits(a.bidPrice) == bits(b.bidPrice)
            && bits(a.bidSize) == bits(b.bidSize) && a.bidExchange == b.bidExchange
            && bits(a.askPrice) == bits(b.askPrice) && bits(a.askSize) == bits(b.askSize)
            && a.askExchange == b.askExchange && a.conditions == b.conditions && a.indicators == b.indicators
            && (a.conditions == nil) == (b.conditions == nil) && (a.indicators == nil) == (b.indicators == nil)
            && a.sequenceNumber == b.sequenceNumber && a.tape == b.tape
    }
    static func same(_ a: Bar, _ b: Bar) -> Bool {
        a.start == b.start && a.timeframe == b.timeframe && bits(a.open) == bits(b.open) && bits(a.high) == bits(b.high)
            && bits(a.low) == bits(b.low) && bits(a.close) == bits(b.close) && bits(a.volume) == bits(b.volume)
            && a.vwap.map(bits) == b.vwap.map(bits) && a.transactions == b.transactions && a.otc == b.otc
    }

    static func roundTrip<R: ArchivableRecord>(_ records: [R]) throws -> [R] {
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
        var column = ColumnWriter()
        DecimalColumn.write([value, 500.01, value], to: &column)
        column.bytes.withUnsafeBufferPointer { buffer in
            let reader = ColumnReader(base: buffer.baseAddress!, start: 0, end: buffer.count)
            let values = reader.readWhole { DecimalColumn.read(&$0, count: 3) }
            #expect(values?.map(\.bitPattern) == [value.bitPattern, (500.01).bitPattern, value.bitPattern])
        }
    }

    /// Varints and zig-zag worked by hand.
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

    /// Prices 500.01, 500.02 and -0.0 at scale 10²: exponent byte 2; k = 50001 → zig-zag 100002, shifted
    /// left for the "scaled" tag → 200004 = 0x30D44 → LEB128 C4 9A 0C; +1 tick → zig-zag 2 → 4; -0.0 has
    /// no scaled form → tag 1 and its bit pattern 0x8000000000000000 little-endian.
    @Test func decimalColumnByHand() {
        var column = ColumnWriter()
        DecimalColumn.write([500.01, 500.02, -0.0], to: &column)
        #expect(column.bytes == [0x02, 0xC4, 0x9A, 0x0C, 0x04, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x80])
    }

    /// One bar at 00:01 UTC 1970, o 1.5 h 2 l 1 c 1.25 v 100, 3 transactions, no VWAP.
    @Test func barSegmentLayoutByHand() throws {
        let bar = Bar(
            start: Timestamp(nanoseconds: 60_000_000_000), open: 1.5, high: 2, low: 1, close: 1.25, volume: 100,
            transactions: 3)
        let columns: [[UInt8]] = [
            [0x80, 0xE0, 0xBA, 0x84, 0xBF, 0x03],  // start: zig-zag(6e10) = 1.2e11 as LEB128
            [0x02],  // flags: transactions present
            [0x00],  // timeframe index 0 = 1min
            [0x01, 0x3C],  // open: scale 10¹, k = 15 → zig-zag 30 → tag 60
            [0x00, 0x08],  // high: scale 1, k = 2 → 4 → 8
            [0x00, 0x04],  // low
            [0x02, 0xF4, 0x03],  // close: scale 10², k = 125 → 250 → 500
            [0x00, 0x90, 0x03],  // volume: k = 100 → 200 → 400
            [0x00],  // vwap: no values, scale byte only
            [0x06],  // transactions: zig-zag(3)
        ]
        let header: [UInt8] = [1, 10] + columns.map { UInt8($0.count) }
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

    /// A plane column of width 0 claims any count without bytes to back it: a huge count must be refused
    /// before anything is allocated (here 2⁶³ − 1 participant offsets), never trap.
    @Test(arguments: [2, 3, 0])
    func impossiblePlaneCountsAreRejected(_ columnIndex: Int) throws {
        let trades = Self.randomTrades(seed: 11, count: 40)
        let raw = Trade.encodeColumns(trades).bytes
        let columns = try #require(raw.withUnsafeBufferPointer { SegmentCodec.columns($0, count: trades.count, expectedColumns: 13) })
        var writers = columns.map { column in
            var writer = ColumnWriter()
            writer.bytes = Array(raw[column.position..<column.end])
            return writer
        }
        var hostile = ColumnWriter()
        if columnIndex == 0 { hostile.signed(0) }  // the SIP column starts with the first time
        hostile.varint(UInt64(Int64.max))
        hostile.byte(0)
        writers[columnIndex] = hostile
        let damaged = SegmentCodec.assemble(count: trades.count, writers).bytes
        #expect(damaged.withUnsafeBufferPointer { Trade.decodeColumns($0, count: trades.count) } == nil)
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
