/// How the server spells its responses: TapeDeck's canonical bytes, or the variations the real API
/// shows, so that clients can be tested against both.
public enum ResponseShape: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// PolygonWire's canonical encoding: compact JSON in a fixed key order, identity encoding with a
    /// `Content-Length`, `next_url` on the server's own URL, ties in sequence order. Byte-exact tests and
    /// committed recordings depend on it.
    case plain
    /// Like the real API: gzip when the request accepts it, `Content-Length` or chunked transfer
    /// depending on the request, pretty-printed JSON with keys in another order, unknown fields on the
    /// envelope and on every record, `next_url` on `https://api.massive.com`, and records sharing a SIP
    /// timestamp in another order than their sequence numbers. Still a pure function of the request.
    case real

    public var description: String { rawValue }
}
