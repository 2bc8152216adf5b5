import MarketData
import Testing

/// `StableHash` against published reference values.
struct StableHashTests {
    /// Test vectors of the FNV reference (Fowler/Noll/Vo, "FNV-1a 64-bit"): "" → cbf29ce484222325,
    /// "a" → af63dc4c8601ec8c, "foobar" → 85944171f73967e8.
    @Test(arguments: [("", 0xCBF2_9CE4_8422_2325), ("a", 0xAF63_DC4C_8601_EC8C), ("foobar", 0x8594_4171_F739_67E8)] as [(String, UInt64)])
    func fnv1aMatchesThePublishedVectors(_ text: String, _ expected: UInt64) {
        #expect(StableHash.fnv1a64(text) == expected)
    }

    /// SplitMix64 from state 0: the first output of Vigna's reference `splitmix64.c` is 0xe220a8397b1dcdaf,
    /// and the state advances by the golden gamma 0x9e3779b97f4a7c15.
    @Test func splitMixMatchesTheReference() {
        var state: UInt64 = 0
        #expect(StableHash.splitMix64(&state) == 0xE220_A839_7B1D_CDAF)
        #expect(state == 0x9E37_79B9_7F4A_7C15)
    }
}
