import CZlib
import Testing

/// The system zlib links and round-trips bytes (Debian's zlib1g-dev must be installed).
struct ZlibLinkTests {
    @Test func compressesAndDecompresses() throws {
        let input = Array(repeating: Array("TapeDeck records once and replays forever. ".utf8), count: 50).flatMap { $0 }
        var compressedLength = compressBound(uLong(input.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
        #expect(compress2(&compressed, &compressedLength, input, uLong(input.count), Z_BEST_COMPRESSION) == Z_OK)
        #expect(Int(compressedLength) < input.count / 10)
        var outputLength = uLong(input.count)
        var output = [UInt8](repeating: 0, count: input.count)
        #expect(uncompress(&output, &outputLength, compressed, compressedLength) == Z_OK)
        #expect(output == input)
        #expect(String(cString: zlibVersion()).hasPrefix("1."))
    }
}
