import CZlib

/// One-shot gzip (RFC 1952) compression of a response body, as `Content-Encoding: gzip` requires.
///
/// zlib writes the gzip wrapper itself (`deflateInit2` with window bits 15 + 16 = 31) with a zero
/// modification time and no file name, so the same bytes always compress to the same bytes on one
/// platform: the server's responses stay a pure function of the request.
package enum Gzip {
    /// zlib's default trade-off between speed and size.
    package static let defaultLevel: Int32 = 6

    /// `bytes` as one gzip member.
    package static func compress(_ bytes: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
        var stream = z_stream()
        var status = deflateInit2_(
            &stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        // deflateInit2 fails only for bad parameters or no memory; the parameters are constants.
        precondition(status == Z_OK, "zlib deflateInit2 failed with status \(status)")
        defer { deflateEnd(&stream) }
        // deflateBound covers the gzip header and trailer too, so one Z_FINISH call always completes.
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var output = [UInt8](repeating: 0, count: bound)
        output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                status = deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "zlib deflate did not finish (status \(status))")
        output.removeLast(Int(stream.avail_out))
        return output
    }
}
