/// Byte-level mutations of a seed input, in the manner of libFuzzer's mutators: each operation is one
/// random 32-bit number whose low three bits choose what to do and whose other bits choose where and
/// with what. Working from valid seeds keeps most inputs close to the format, so the fuzzed decoders get
/// past their first byte.
enum Mutator {
    /// `seed` after every operation in turn; `dictionary` holds tokens of the format worth inserting.
    static func apply(_ operations: [UInt32], to seed: [UInt8], dictionary: [[UInt8]]) -> [UInt8] {
        var bytes = seed
        for operation in operations {
            let position = Int(operation >> 8) % (bytes.count + 1)
            let byte = UInt8(truncatingIfNeeded: operation >> 3)
            switch operation & 7 {
            case 0:
                if position < bytes.count { bytes[position] ^= 1 << (byte & 7) }
            case 1:
                if position < bytes.count { bytes[position] = byte }
            case 2:
                bytes.insert(byte, at: position)
            case 3:
                if position < bytes.count { bytes.remove(at: position) }
            case 4, 5:
                bytes.insert(contentsOf: dictionary[Int(byte) % dictionary.count], at: position)
            case 6:
                // Repeat a stretch that starts here (up to 32 bytes), as a copy after itself.
                let length = min(Int(byte & 31) + 1, bytes.count - position)
                if length > 0 { bytes.insert(contentsOf: bytes[position..<(position + length)], at: position + length) }
            default:
                bytes.removeSubrange(position...)
            }
        }
        return bytes
    }
}

extension String {
    /// The text's UTF-8 bytes, for corpora written as text.
    var bytes: [UInt8] { Array(utf8) }
}
