import AsyncHTTPClient
import CZlib
import NIOCore
import NIOHTTP1

/// An HTTP client that shows responses as they are on the wire: no decompression, the headers as sent
/// (`Content-Encoding`, `Content-Length`, `Transfer-Encoding`), the body after de-chunking only.
enum WireClient {
    /// AsyncHTTPClient without decompression; lives as long as the test process.
    static let http = HTTPClient(eventLoopGroupProvider: .singleton)

    struct Response {
        var status: Int
        var headers: HTTPHeaders
        /// The body bytes as sent, compressed if the server compressed them.
        var body: [UInt8]

        var isGzip: Bool { headers.first(name: "content-encoding") == "gzip" }
        var isChunked: Bool { headers.first(name: "transfer-encoding")?.lowercased() == "chunked" }
        var contentLength: Int? { headers.first(name: "content-length").flatMap(Int.init) }

        /// The JSON bytes: the body, inflated when it is gzip.
        func json() throws -> [UInt8] {
            guard isGzip else { return body }
            guard let inflated = Gunzip.inflate(body) else { throw GunzipError() }
            return inflated
        }
    }

    /// GETs `url` with a Bearer key and the given extra headers. The deadline is generous: the suite runs
    /// its tests at once on two cores, and a run beside other work saw 30 s pass before a small answer.
    static func get(_ url: String, headers extra: [(String, String)] = []) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer wire-test-key")
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        let response = try await http.execute(request, timeout: .seconds(600))
        let body = try await response.body.collect(upTo: 256 << 20)
        return Response(status: Int(response.status.code), headers: response.headers, body: Array(body.readableBytesView))
    }
}

struct GunzipError: Error {}

/// gzip decoding with the system zlib, to check what the server compressed.
enum Gunzip {
    /// The bytes of one gzip member, or `nil` if `bytes` is not a complete, valid gzip stream.
    static func inflate(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 31, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status = Z_OK
        bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while status == Z_OK {
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if status == Z_BUF_ERROR && stream.avail_in == 0 { break }
            }
        }
        guard status == Z_STREAM_END, stream.avail_in == 0 else { return nil }
        return output
    }
}
