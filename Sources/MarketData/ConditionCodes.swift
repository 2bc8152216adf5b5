/// A short list of Polygon condition or indicator ids (`conditions`, `indicators`), kept inline.
///
/// Nearly every trade carries 0-4 codes below 256, so up to seven such codes are packed into one word
/// and a trade needs no heap allocation for them; longer lists or larger ids fall back to an array.
/// Order and duplicates are preserved exactly as received.
public struct ConditionCodes: Hashable, Sendable, RandomAccessCollection, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// Bytes 0-6 hold codes, byte 7 the count, when `spilled` is nil.
    private var packed: UInt64
    private var spilled: [Int32]?

    public init() {
        packed = 0
        spilled = nil
    }

    public init(_ codes: some Sequence<Int32>) {
        self.init()
        for code in codes { append(code) }
    }

    public init(arrayLiteral codes: Int32...) {
        self.init(codes)
    }

    /// Adds a code at the end.
    public mutating func append(_ code: Int32) {
        if spilled != nil {
            spilled!.append(code)
            return
        }
        let count = Int(packed >> 56)
        if count < 7, code >= 0, code < 256 {
            packed |= UInt64(code) << (8 * UInt64(count))
            packed = (packed & 0x00FF_FFFF_FFFF_FFFF) | (UInt64(count + 1) << 56)
        } else {
            var array = Array(self)
            array.append(code)
            spilled = array
            packed = 0
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { spilled?.count ?? Int(packed >> 56) }

    public subscript(position: Int) -> Int32 {
        precondition(position >= 0 && position < endIndex, "condition index out of range")
        if let spilled { return spilled[position] }
        return Int32((packed >> (8 * UInt64(position))) & 0xFF)
    }

    public var description: String { "[" + map(String.init).joined(separator: ",") + "]" }

    public static func == (lhs: ConditionCodes, rhs: ConditionCodes) -> Bool { lhs.elementsEqual(rhs) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for code in self { hasher.combine(code) }
    }
}
