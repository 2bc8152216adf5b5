import HTTPTypes
import Hummingbird
import NIOCore

/// A JSON response body — a page or an error body — as the configured ``ResponseShape`` puts it on the wire.
///
/// ``ResponseShape/plain``: the bytes as they are, with a `Content-Length`. ``ResponseShape/real``:
/// gzip-encoded (`Content-Encoding: gzip`) when the request's `Accept-Encoding` admits it, and sent
/// with a `Content-Length` or chunked (no length) as ``RealShape/isChunked(_:)`` decides for the request.
struct WireBody {
    /// The bytes on the wire, compressed when gzip applies.
    let bytes: [UInt8]
    /// `Content-Type`, and `Content-Encoding` when gzip applies.
    let headers: HTTPFields
    /// Whether the body goes out in chunks without a `Content-Length`.
    let isChunked: Bool

    init(bytes json: [UInt8], request: Request, canonical: String, shapes: ResponseShape) {
        var headers: HTTPFields = [.contentType: "application/json"]
        guard shapes == .real else {
            self.bytes = json
            self.headers = headers
            isChunked = false
            return
        }
        if RealShape.acceptsGzip(request.headers[.acceptEncoding]) {
            bytes = Gzip.compress(json)
            headers[.contentEncoding] = "gzip"
        } else {
            bytes = json
        }
        self.headers = headers
        isChunked = RealShape.isChunked(canonical)
    }

    /// The body: one buffer with its length, or up to three chunks without one.
    var body: ResponseBody {
        guard isChunked else { return ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)) }
        let buffers = RealShape.chunks(bytes).map { ByteBuffer(bytes: $0) }
        // No length given, so the server frames the body with chunked transfer encoding.
        return ResponseBody(contentLength: nil) { writer in
            for buffer in buffers { try await writer.write(buffer) }
            try await writer.finish(nil)
        }
    }
}
