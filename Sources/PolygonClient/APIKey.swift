/// A Polygon (Massive) API key that cannot leak by accident.
///
/// Its `description`, `debugDescription` and reflection all print `<redacted>`, so string interpolation,
/// `print`, `dump` and loggers never show the secret. Only the client reads ``secret``, to build the
/// `Authorization: Bearer` header; the key is never put into a URL.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let secret: String

    /// A key; an empty or blank one is refused where the client is made.
    public init(_ secret: String) {
        self.secret = secret
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "APIKey(<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// Whether the key has any non-blank character.
    var isBlank: Bool { secret.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } }

    /// `text` with every occurrence of the key replaced by `<redacted>`: a last line of defence for texts
    /// that came from elsewhere (server error bodies, transport errors) before they go into a message.
    package func redact(_ text: String) -> String {
        guard secret.count >= 4, text.contains(secret) else { return text }
        return text.replacing(secret, with: "<redacted>")
    }
}
