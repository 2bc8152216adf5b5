/// Hashes that are the same in every process and on every platform, for anything that must be
/// reproducible (shard assignment, simulated request ids, fault and retry jitter); Swift's `Hasher` is
/// randomly seeded per run.
public enum StableHash {
    /// 64-bit FNV-1a of the UTF-8 bytes (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// One step of SplitMix64 (Steele, Lea and Flood 2014): advances `state` and returns a well-mixed value.
    public static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
