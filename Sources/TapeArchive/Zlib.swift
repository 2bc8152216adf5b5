import CZlib
import MarketData

/// One-shot zlib (RFC 1950) compression of whole buffers, for response bodies and segment payloads.
enum Zlib {
    /// Compression level: 1 is fast, 9 small; segments use ``defaultLevel``.
    static let defaultLevel: Int32 = 6

    /// `bytes` compressed into a zlib stream.
    static func compress(_ bytes: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
        var bound = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(bound))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &bound, input.baseAddress, uLong(input.count), level)
            }
        }
        // compress2 only fails for a too-small buffer or bad level, both excluded by construction.
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        output.removeLast(output.count - Int(bound))
        return output
    }

    /// Inflates a zlib stream whose decompressed size is known exactly; `nil` when the stream is damaged
    /// or its size differs (zlib's Adler-32 check catches most flipped bytes).
    static func decompress(_ bytes: UnsafeRawBufferPointer, rawSize: Int) -> [UInt8]? {
        guard rawSize >= 0 else { return nil }
        // One spare byte so that a stream longer than announced is detected rather than truncated.
        var output = [UInt8](repeating: 0, count: rawSize + 1)
        var length = uLong(rawSize + 1)
        let status = output.withUnsafeMutableBufferPointer { out in
            uncompress(out.baseAddress, &length, bytes.bindMemory(to: UInt8.self).baseAddress, uLong(bytes.count))
        }
        guard status == Z_OK, Int(length) == rawSize else { return nil }
        output.removeLast()
        return output
    }

    static func decompress(_ bytes: [UInt8], rawSize: Int) -> [UInt8]? {
        bytes.withUnsafeBytes { decompress($0, rawSize: rawSize) }
    }
}
