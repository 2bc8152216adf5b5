/// Response bodies recorded for exact requests, served byte for byte instead of a page built from the
/// source when a request matches one (an archive's raw responses, as vcrpy replays a cassette).
public protocol RecordedResponses: Sendable {
    /// The recorded body for `request` (``SimulatorServer/canonicalRequest(path:query:)``), or `nil`.
    func body(for request: String) async throws -> [UInt8]?
}

/// Recorded pages name the host they were recorded from in `next_url`.
enum NextURL {
    /// `body` with its `next_url` pointed at `base` (scheme and host of this server), keeping the path and
    /// cursor: a recorded page names the host it was recorded from, and a client follows it as given.
    static func rebased(_ body: [UInt8], base: String) -> [UInt8] {
        let key = Array(#""next_url""#.utf8)
        guard let keyStart = body.firstRange(of: key) else { return body }
        var index = keyStart.upperBound
        while index < body.count, body[index] == UInt8(ascii: " ") || body[index] == UInt8(ascii: ":") || body[index] == UInt8(ascii: "\n") {
            index += 1
        }
        guard index < body.count, body[index] == UInt8(ascii: "\"") else { return body }
        let urlStart = index + 1
        // The URL's scheme and host end at the first "/" after "://".
        guard let scheme = body[urlStart...].firstRange(of: Array("://".utf8)),
            let pathStart = body[scheme.upperBound...].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\"") }),
            body[pathStart] == UInt8(ascii: "/")
        else { return body }
        return Array(body[..<urlStart]) + Array(base.utf8) + Array(body[pathStart...])
    }
}
