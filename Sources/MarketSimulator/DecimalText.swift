/// Decimal text of non-negative integers without heap allocation: up to 15 digits make a small
/// (inline) `String`, which is what keeps trade ids free of per-event allocations.
enum DecimalText {
    static func string(_ value: Int64) -> String {
        precondition(value >= 0, "decimal text of a negative number")
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var rest = UInt64(value)
            var index = 20
            repeat {
                index -= 1
                buffer[index] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                rest /= 10
            } while rest > 0
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[index..<20]), as: UTF8.self)
        }
    }
}
