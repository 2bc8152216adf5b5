import MarketData
import PolygonWire
import Testing

/// The one number rule: Swift's shortest round-trip `description`, integral values bare in trades and
/// quotes (`10`) but with `.0` in aggregates (`642646396.0`), `-0.0` always, non-finite as `null`.
struct NumberSpellingTests {
    static func spelled(_ value: Double, _ integral: IntegralSpelling) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBufferPointer { buffer in
            var writer = ByteWriter(buffer.baseAddress!)
            writer.double(value, integral: integral)
            return writer.cursor - buffer.baseAddress!
        }
        return String(decoding: buffer.prefix(count), as: UTF8.self)
    }

    @Test(
        arguments: [
            (156.43, "156.43", "156.43"),
            (10, "10", "10.0"),
            (642_646_396, "642646396", "642646396.0"),
            (0, "0", "0.0"),
            (-0.0, "-0.0", "-0.0"),
            (-12.5, "-12.5", "-12.5"),
            (0.0001, "0.0001", "0.0001"),
            (0.00001, "1e-05", "1e-05"),
            (1.469, "1.469", "1.469"),
            (999_999_999.9999, "999999999.9999", "999999999.9999"),
            (1e9, "1000000000", "1000000000.0"),
            (9_007_199_254_740_992, "9007199254740992", "9007199254740992.0"),
            (1e16, "1e+16", "1e+16"),
            (0.1 + 0.2, "0.30000000000000004", "0.30000000000000004"),
            (Double.leastNonzeroMagnitude, "5e-324", "5e-324"),
            (Double.greatestFiniteMagnitude, "1.7976931348623157e+308", "1.7976931348623157e+308"),
            (-Double.leastNormalMagnitude, "-2.2250738585072014e-308", "-2.2250738585072014e-308"),
            (Double.nan, "null", "null"),
            (-Double.infinity, "null", "null"),
        ] as [(Double, String, String)])
    func spelling(_ value: Double, bare: String, pointZero: String) {
        #expect(Self.spelled(value, .bare) == bare)
        #expect(Self.spelled(value, .pointZero) == pointZero)
    }

    /// The fast path for grid values gives exactly `description`'s bytes, so the rule has one meaning.
    @Test func fastPathAgreesWithDescription() {
        var random = SplitMix64(seed: 1)
        for _ in 0..<200_000 {
            let units = Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &random)
            let divisor: Double = [1, 10, 100, 1_000, 10_000][Int.random(in: 0..<5, using: &random)]
            let value = Double(units) / divisor
            guard value != 0 else { continue }
            let spelled = Self.spelled(value, .pointZero)
            if spelled != value.description {
                Issue.record("\(value.description) spelled \(spelled)")
                return
            }
        }
    }

    /// Every spelling parses back to the same bits, with Swift's own (strtod-backed) parser too.
    @Test func spellingsRoundTripThroughSwiftsParser() {
        var random = SplitMix64(seed: 2)
        for _ in 0..<100_000 {
            let value = random.double()
            for integral in [IntegralSpelling.bare, .pointZero] {
                let spelled = Self.spelled(value, integral)
                guard let parsed = Double(spelled), sameBits(parsed, value) else {
                    Issue.record("\(value) spelled \(spelled) does not parse back")
                    return
                }
            }
        }
    }

    /// Numbers in the forms other servers send decode to the correctly rounded double.
    @Test(
        arguments: [
            ("1e-05", 0.00001), ("1E-5", 0.00001), ("171.0", 171), ("-0.0", -0.0), ("-0", -0.0), ("0", 0),
            ("1.5e+2", 150), ("100e-2", 1), ("0.000000000000000000001", 1e-21), ("123456789012345678901234567890", 1.2345678901234568e29),
            ("2.2250738585072011e-308", Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)), ("4.9e-324", .leastNonzeroMagnitude), ("1e-400", 0),
            ("9007199254740993", 9_007_199_254_740_992), ("0.1000000000000000055511151231257827", 0.1),
            ("156.43000000000000682121026329696178436279296875", 156.43),
        ] as [(String, Double)])
    func decodesNumber(_ literal: String, expected: Double) throws {
        let json = #"{"results":[{"price":\#(literal),"size":1,"exchange":1,"id":"","sequence_number":1,"sip_timestamp":1}]}"#
        let price = try #require(try WireDecoder.tradesPage(bytes(json)).results.first?.price)
        #expect(sameBits(price, expected), "\(literal) decoded to \(price)")
    }

    /// Integers are exact over the whole Int64 range; integral floats are accepted up to 2^53.
    @Test(
        arguments: [
            ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min), ("1651181822461636600", 1_651_181_822_461_636_600),
            ("0", 0), ("-0", 0), ("12.0", 12), ("1e3", 1_000), ("9007199254740992.0", 9_007_199_254_740_992),
        ] as [(String, Int64)])
    func decodesInteger(_ literal: String, expected: Int64) throws {
        let json = #"{"results":[{"price":1,"size":1,"exchange":1,"id":"","sequence_number":\#(literal),"sip_timestamp":1}]}"#
        let trade = try #require(try WireDecoder.tradesPage(bytes(json)).results.first)
        #expect(trade.sequenceNumber == expected)
    }
}
