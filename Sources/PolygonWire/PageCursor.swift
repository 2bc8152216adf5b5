import MarketData

/// The opaque `cursor` of a `next_url`: the continuation query, URL-encoded, in base64url.
///
/// Polygon's cursors decode to query strings such as `limit=2&sort=asc` or
/// `ap=19288166&as=&limit=10&order=desc&sort=timestamp&timestamp.lte=2022-05-10T14%3A11%3A12.690661189Z`.
/// Parameters keep the order given; Polygon's are sorted by name, so pass them sorted to look the same.
/// Values are encoded like Go's `url.QueryEscape` (`A-Z a-z 0-9 - _ . ~` kept, space as `+`, the rest
/// `%XX`), and the token is base64url without padding. Decoding accepts either base64 alphabet and padding.
public struct PageCursor: Hashable, Sendable, CustomStringConvertible {
    /// One `name=value` pair of the continuation query.
    public struct Parameter: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var parameters: [Parameter]

    public init(_ parameters: [Parameter]) {
        self.parameters = parameters
    }

    /// From name-value pairs in order: `PageCursor(["limit": "2", "sort": "asc"])`.
    public init(_ pairs: KeyValuePairs<String, String>) {
        self.parameters = pairs.map { Parameter($0.key, $0.value) }
    }

    /// Decodes a cursor token as found after `cursor=` in a `next_url`.
    public init(token: String) throws(TapeDeckError) {
        guard let bytes = Base64URL.decode(token) else {
            throw .invalidCursor(token, "not base64url text")
        }
        guard let query = String(validating: bytes, as: UTF8.self) else {
            throw .invalidCursor(token, "does not decode to UTF-8 text")
        }
        var parameters: [Parameter] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PageCursor.percentDecoded(parts[0]),
                let value = PageCursor.percentDecoded(parts.count > 1 ? parts[1] : "")
            else {
                throw .invalidCursor(token, "bad %-escape in \(JSONText.quoted(String(pair.prefix(80))))")
            }
            parameters.append(Parameter(name, value))
        }
        self.parameters = parameters
    }

    /// The cursor of a `next_url` (absolute, or a path with a query), or `nil` if it has no `cursor`.
    public init?(nextURL: String) throws(TapeDeckError) {
        guard let queryStart = nextURL.firstIndex(of: "?") else { return nil }
        let query = nextURL[nextURL.index(after: queryStart)...].prefix { $0 != "#" }
        for pair in query.split(separator: "&") where pair.hasPrefix("cursor=") {
            try self.init(token: String(pair.dropFirst("cursor=".count)))
            return
        }
        return nil
    }

    /// The first value of parameter `name`.
    public subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// The continuation query, e.g. `limit=2&sort=asc`.
    public var query: String {
        parameters.map { PageCursor.percentEncoded($0.name) + "=" + PageCursor.percentEncoded($0.value) }
            .joined(separator: "&")
    }

    /// The opaque token: base64url of ``query`` without padding.
    public var token: String { Base64URL.encode(Array(query.utf8)) }

    /// `base + path + "?cursor=" + token`, e.g. `https://api.polygon.io/v3/trades/SPY?cursor=…`.
    public func nextURL(base: String, path: String) -> String {
        base + path + "?cursor=" + token
    }

    public var description: String { query }

    private static func percentEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var out: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else {
                    return nil
                }
                out.append(high << 4 | low)
            default:
                out.append(byte)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
