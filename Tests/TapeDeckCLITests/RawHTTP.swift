#if os(Linux)
import Foundation
import Glibc

/// HTTP/1.1 over a plain loopback socket, byte for byte: for requests no HTTP client library sends
/// (bytes that are not UTF-8 in the path, made-up methods, broken request lines).
enum RawHTTP {
    /// A response as it came off the socket.
    struct Response {
        var status: Int
        /// Header names lowercased.
        var headers: [String: String]
        var body: [UInt8]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `request` to 127.0.0.1:`port` and reads until the server closes the connection (send
    /// `Connection: close`). Gives up after `timeoutSeconds` without a byte. The answer to a HEAD request
    /// has no body whatever its `Content-Length` says: pass `isHead`.
    static func exchange(_ request: [UInt8], port: Int, isHead: Bool = false, timeoutSeconds: Int = 60) throws -> Response {
        let raw = try send(request, port: port, timeoutSeconds: timeoutSeconds)
        return try parse(raw, isHead: isHead)
    }

    /// Whether something accepts connections on `port`.
    static func isListening(port: Int) -> Bool {
        guard let socket = try? connect(port: port) else { return false }
        close(socket)
        return true
    }

    private static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw Failure(description: "connect to port \(port) failed: errno \(errno)")
        }
        return descriptor
    }

    private static func send(_ request: [UInt8], port: Int, timeoutSeconds: Int) throws -> [UInt8] {
        let descriptor = try connect(port: port)
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sent = 0
        try request.withUnsafeBytes { buffer in
            while sent < buffer.count {
                let count = Glibc.send(descriptor, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                guard count > 0 else { throw Failure(description: "send failed: errno \(errno)") }
                sent += count
            }
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                // A reset after the whole answer arrived (the server closed with unread input) is fine.
                if errno == ECONNRESET, !received.isEmpty { break }
                throw Failure(description: "no answer within \(timeoutSeconds) s (errno \(errno)) after \(received.count) bytes")
            }
            received += chunk[0..<count]
        }
        return received
    }

    private static func parse(_ raw: [UInt8], isHead: Bool) throws -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = raw.firstRange(of: separator) else {
            throw Failure(description: "no complete head in \(raw.count) bytes: \(String(decoding: raw.prefix(200), as: UTF8.self))")
        }
        let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(head[0])")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad header line \(line)") }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(raw[end.upperBound...])
        // A request the parser refused gets a body even when it began with HEAD (its method was never
        // read), and the connection closes after it, so the body cannot be taken for the next answer.
        let refused = status == 400 && headers["connection"]?.lowercased() == "close"
        if isHead, !body.isEmpty, !refused { throw Failure(description: "\(body.count) body bytes after the head of a HEAD answer") }
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            body = try dechunk(body)
        } else if !isHead || refused, let length = headers["content-length"].flatMap(Int.init), length != body.count {
            throw Failure(description: "Content-Length \(length) but \(body.count) body bytes")
        }
        return Response(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = bytes[index...].firstRange(of: [13, 10]) else { throw Failure(description: "bad chunk") }
            guard let size = Int(String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self), radix: 16) else {
                throw Failure(description: "bad chunk size")
            }
            index = lineEnd.upperBound
            if size == 0 { return out }
            guard index + size + 2 <= bytes.count else { throw Failure(description: "short chunk") }
            out += bytes[index..<(index + size)]
            index += size + 2
        }
    }
}
#endif
