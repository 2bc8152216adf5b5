import Calculations
import Testing

/// `ExactSum` against Python's `math.fsum` (Shewchuk's algorithm, correctly rounded), the independent
/// reference for every expected value here.
struct ExactSumTests {
    @Test(arguments: [
        ([0.1, 0.2, 0.3], 0.6),  // a sequential sum gives 0.6000000000000001
        ([-0.1, -0.2, -0.3], -0.6),
        ([1e16, 1.0, -1e16], 1.0),  // sequentially 0.0
        ([0x1p99, 0x1p-128, -0x1p99], 0x1p-128),  // both ends of the range in one sum
        ([1.0, 0x1p-53], 1.0),  // a tie rounds to even
        ([1.0, 0x1p-53, 0x1p-53], 1.0000000000000002),
        ([0.00021, 1234.5678, -1234.5678], 0.00021),  // sequentially 0.00020999999992454832
        (Array(repeating: 0.1, count: 10), 1.0),  // sequentially 0.9999999999999999
        ([], 0.0),
    ])
    func isTheCorrectlyRoundedSum(terms: [Double], fsum: Double) {
        #expect(ExactSum(terms).value == fsum)
    }

    /// Ten thousand terms of mixed magnitude from a fixed generator; the same generator in Python gives
    /// `fsum` = 29407432080.00602 (a sequential sum: …080.006012) and 23326877343.330994 for terms
    /// 1234..<8765.
    @Test func prefixDifferencesAreExact() {
        var state: UInt64 = 42
        var terms: [Double] = []
        for index in 0..<10_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Double(Int64((state >> 11) % 2_000_001) - 1_000_000) / 997.0
            terms.append(index % 3 == 0 ? value * 1e6 : value)
        }
        #expect(ExactSum(terms).value == 29_407_432_080.00602)
        var prefix = [ExactSum()]
        for term in terms {
            var next = prefix[prefix.count - 1]
            next.add(term)
            prefix.append(next)
        }
        #expect((prefix[8765] - prefix[1234]).value == 23_326_877_343.330994)
        #expect((prefix[8765] - prefix[1234]) == ExactSum(terms[1234..<8765]))
        #expect((prefix[1234] + (prefix[10_000] - prefix[1234])).value == 29_407_432_080.00602)
    }

    @Test func specialsAndTheRangeLimit() {
        #expect(ExactSum([1, .infinity, 2]).value == .infinity)
        #expect(ExactSum([1, -.infinity]).value == -.infinity)
        #expect(ExactSum([.infinity, -.infinity]).value.isNaN)
        #expect(ExactSum([.nan, 1]).value.isNaN)
        #expect(ExactSum([0x1p100, 1]).value == .infinity)  // beyond the range: an infinity of its sign
        #expect(ExactSum([0x1p-129, 0x1p-129]).value == 0)  // below 2⁻¹²⁸: dropped
        #expect(ExactSum([-0x1p-128, -0x1p-129]).value == -0x1p-128)  // dropped toward zero
        let withInfinity = ExactSum([5, .infinity, 7])
        #expect((withInfinity - ExactSum([5, .infinity])).value == 7)  // an infinity subtracts out
        #expect(ExactSum([-5, 3]).value == -2)
        #expect(ExactSum([0x1.fffffffffffffp98, 0x1.fffffffffffffp98]).value == 0x1.fffffffffffffp99)
    }
}
