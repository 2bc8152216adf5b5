import MarketData

extension StableHash {
    /// A 32-hex-digit id derived from `text`, shaped like Polygon's `request_id`.
    static func requestID(_ text: String) -> String {
        var state = fnv1a64(text)
        let high = splitMix64(&state)
        let low = splitMix64(&state)
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
