/// A short list of Polygon condition or indicator ids (`conditions`, `indicators`), kept inline.
///
/// Nearly every trade carries 0-4 codes below 256, so up to seven such codes are packed into one word
/// and a trade needs no heap allocation for them; longer lists or larger ids fall back to a
/// copy-on-write heap box. The box is one class reference rather than an optional array so that copying a `Trade` or
/// `Quote` stays a plain copy plus a null-checked retain: with `[Int32]?` here, building a quote cost four
/// times as much (the compiler copied records through their generic value witnesses).
/// Order and duplicates are preserved exactly as received.
public struct ConditionCodes: Hashable, Sendable, RandomAccessCollection, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// Bytes 0-6 hold codes, byte 7 the count, when `spilled` is nil.
    private var packed: UInt64
    private var spilled: Spilled?

    /// A list that does not fit the packed word. Copy-on-write: `append` mutates it only while this
    /// value holds the sole reference, which is what makes sharing it across threads safe.
    private final class Spilled: @unchecked Sendable {
        var codes: [Int32]
        init(_ codes: [Int32]) { self.codes = codes }
    }

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
            if !isKnownUniquelyReferenced(&spilled) { spilled = Spilled(spilled!.codes) }
            spilled!.codes.append(code)
            return
        }
        let count = Int(packed >> 56)
        if count < 7, code >= 0, code < 256 {
            packed |= UInt64(code) << (8 * UInt64(count))
            packed = (packed & 0x00FF_FFFF_FFFF_FFFF) | (UInt64(count + 1) << 56)
        } else {
            spilled = Spilled(Array(self) + [code])
            packed = 0
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { spilled?.codes.count ?? Int(packed >> 56) }

    public subscript(position: Int) -> Int32 {
        precondition(position >= 0 && position < endIndex, "condition index out of range")
        if let spilled { return spilled.codes[position] }
        return Int32((packed >> (8 * UInt64(position))) & 0xFF)
    }

    public var description: String { "[" + map(String.init).joined(separator: ",") + "]" }

    public static func == (lhs: ConditionCodes, rhs: ConditionCodes) -> Bool { lhs.elementsEqual(rhs) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for code in self { hasher.combine(code) }
    }
}
