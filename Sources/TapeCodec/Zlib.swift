import CZlib
import MarketData

/// One-shot zlib (RFC 1950) compression of whole buffers, for response bodies and segment payloads.
package enum Zlib {
    /// Compression level: 1 is fast, 9 small; segments use ``defaultLevel``.
    package static let defaultLevel: Int32 = 6

    /// `bytes` compressed into a zlib stream.
    package static func compress(_ bytes: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
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

    /// How one stretch of a multi-section stream is coded.
    struct Method: Hashable, Sendable {
        var level: Int32
        var strategy: Int32
        /// Stored blocks: bytes copied as they are (inflate is a memcpy).
        static let stored = Method(level: 0, strategy: Z_DEFAULT_STRATEGY)
        /// Huffman codes only, no string matching: fast, and as small as LZ77 for bytes without repeats.
        static let huffman = Method(level: 1, strategy: Z_HUFFMAN_ONLY)
        /// Huffman codes plus runs (matches at distance 1): for near-constant columns.
        static let runs = Method(level: 1, strategy: Z_RLE)
        static func matching(_ level: Int32) -> Method { Method(level: level, strategy: Z_DEFAULT_STRATEGY) }
    }

    /// One zlib stream whose consecutive stretches (`sections`: end offsets and methods, covering `bytes`)
    /// are coded with their own method; any inflater reads it like any other zlib stream.
    static func compress(_ bytes: [UInt8], sections: [(end: Int, method: Method)]) -> [UInt8] {
        var stream = z_stream()
        let first = sections.first?.method ?? .matching(defaultLevel)
        var status = deflateInit2_(
            &stream, first.level, Z_DEFLATED, 15, 8, first.strategy, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib deflateInit2 failed with status \(status)")
        defer { deflateEnd(&stream) }
        // Each switch may close a block (a few bytes); stored blocks cost 5 bytes per 64 KiB.
        var output = [UInt8](repeating: 0, count: Int(compressBound(uLong(bytes.count))) + 16 * sections.count + 64)
        var current = first
        output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                var start = 0
                for section in sections where section.end > start {
                    if section.method != current {
                        status = deflateParams(&stream, section.method.level, section.method.strategy)
                        precondition(status == Z_OK, "zlib deflateParams failed with status \(status)")
                        current = section.method
                    }
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + start)
                    stream.avail_in = uInt(section.end - start)
                    status = deflate(&stream, Z_NO_FLUSH)
                    precondition(status == Z_OK && stream.avail_in == 0, "zlib deflate failed with status \(status)")
                    start = section.end
                }
                precondition(start == input.count, "sections must cover the input")
                status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "zlib deflate did not finish (status \(status))")
            }
        }
        output.removeLast(Int(stream.avail_out))
        return output
    }

    /// Inflates a zlib stream whose decompressed size is known exactly; `nil` when the stream is damaged
    /// or its size differs (zlib's Adler-32 check catches most flipped bytes).
    package static func decompress(_ bytes: UnsafeRawBufferPointer, rawSize: Int) -> [UInt8]? {
        guard rawSize >= 0 else { return nil }
        // One spare byte so that a stream longer than announced is detected rather than truncated; the
        // buffer is not zero-filled first, since only the bytes zlib wrote are kept.
        var status = Z_OK
        var length = uLong(rawSize + 1)
        let output = [UInt8](unsafeUninitializedCapacity: rawSize + 1) { out, initialized in
            status = uncompress(out.baseAddress, &length, bytes.bindMemory(to: UInt8.self).baseAddress, uLong(bytes.count))
            initialized = status == Z_OK ? min(Int(length), rawSize) : 0
        }
        guard status == Z_OK, Int(length) == rawSize else { return nil }
        return output
    }

    package static func decompress(_ bytes: [UInt8], rawSize: Int) -> [UInt8]? {
        bytes.withUnsafeBytes { decompress($0, rawSize: rawSize) }
    }
}
