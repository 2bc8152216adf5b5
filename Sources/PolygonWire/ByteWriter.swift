import MarketData

/// Writes JSON bytes through a raw pointer into memory the caller reserved in advance.
///
/// Page encoders first compute an upper bound on the output size (see ``WireSize``), allocate once, then
/// write every byte with no capacity checks and no intermediate `String`s. Running past the reservation is
/// a programming error in the size bound, caught by the encoder's precondition after the fact.
package struct ByteWriter {
    /// Where the next byte goes.
    package private(set) var cursor: UnsafeMutablePointer<UInt8>

    package init(_ start: UnsafeMutablePointer<UInt8>) {
        cursor = start
    }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        cursor.initialize(to: value)
        cursor += 1
    }

    /// Copies a literal such as `,"price":` verbatim.
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        let count = text.utf8CodeUnitCount
        cursor.initialize(from: text.utf8Start, count: count)
        cursor += count
    }

    /// `true` or `false`.
    @inline(__always)
    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// A signed integer in decimal, e.g. `-12` or `1651181822461636600`.
    @inline(__always)
    mutating func int(_ value: Int64) {
        if value < 0 {
            byte(UInt8(ascii: "-"))
            uint(value.magnitude)
        } else {
            uint(UInt64(value))
        }
    }

    @inline(__always)
    mutating func int(_ value: Int) {
        int(Int64(value))
    }

    /// An unsigned integer in decimal, two digits per step from the right.
    mutating func uint(_ value: UInt64) {
        if value < 10 {
            byte(UInt8(truncatingIfNeeded: value) &+ UInt8(ascii: "0"))
            return
        }
        let count = ByteWriter.digitCount(value)
        var position = cursor + count
        var rest = value
        while rest >= 100 {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            position -= 2
            position[0] = ByteWriter.digitPairs[pair]
            position[1] = ByteWriter.digitPairs[pair &+ 1]
        }
        if rest >= 10 {
            let pair = Int(rest) &* 2
            position -= 2
            position[0] = ByteWriter.digitPairs[pair]
            position[1] = ByteWriter.digitPairs[pair &+ 1]
        } else {
            position -= 1
            position[0] = UInt8(truncatingIfNeeded: rest) &+ UInt8(ascii: "0")
        }
        cursor += count
    }

    /// A JSON string literal with RFC 8259 escaping: `"` and `\` escaped, control characters as `\n`,
    /// `\t`, … or `\u00XX`; everything else, including non-ASCII UTF-8 and `/`, copied verbatim.
    mutating func string(_ text: String) {
        byte(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for value in bytes { escapedByte(value) }
        }
        if done == nil {
            for value in text.utf8 { escapedByte(value) }
        }
        byte(UInt8(ascii: "\""))
    }

    @inline(__always)
    private mutating func escapedByte(_ value: UInt8) {
        if value >= 0x20 && value != UInt8(ascii: "\"") && value != UInt8(ascii: "\\") {
            byte(value)
            return
        }
        byte(UInt8(ascii: "\\"))
        switch value {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte(value)
        case 0x08: byte(UInt8(ascii: "b"))
        case 0x0C: byte(UInt8(ascii: "f"))
        case 0x0A: byte(UInt8(ascii: "n"))
        case 0x0D: byte(UInt8(ascii: "r"))
        case 0x09: byte(UInt8(ascii: "t"))
        default:
            raw("u00")
            byte(ByteWriter.hexDigits[Int(value >> 4)])
            byte(ByteWriter.hexDigits[Int(value & 0x0F)])
        }
    }

    /// A JSON array of small integers, e.g. `[12,37]`.
    mutating func codes(_ codes: ConditionCodes) {
        byte(UInt8(ascii: "["))
        var first = true
        for code in codes {
            if !first { byte(UInt8(ascii: ",")) }
            first = false
            int(Int64(code))
        }
        byte(UInt8(ascii: "]"))
    }

    /// Number of decimal digits of `value` (1 for zero).
    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var rest = value
        if rest >= 10_000_000_000_000_000 {
            rest /= 10_000_000_000_000_000
            count += 16
        }
        if rest >= 100_000_000 {
            rest /= 100_000_000
            count += 8
        }
        if rest >= 10_000 {
            rest /= 10_000
            count += 4
        }
        if rest >= 100 {
            rest /= 100
            count += 2
        }
        return rest >= 10 ? count + 1 : count
    }

    /// "00", "01", …, "99" back to back: a literal read through its pointer, with no lazy global
    /// initialisation check or bounds check per digit pair (this is the hottest loop of the feed).
    @inline(__always)
    static var digitPairs: UnsafePointer<UInt8> {
        let pairs: StaticString = """
            00010203040506070809101112131415161718192021222324252627282930313233343536373839\
            40414243444546474849505152535455565758596061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899
            """
        return pairs.utf8Start
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
