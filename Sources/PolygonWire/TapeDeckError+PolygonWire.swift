import MarketData

extension TapeDeckError.Code {
    /// A response body that is not valid JSON, or not the JSON shape Polygon sends.
    public static let malformedJSON = Self(rawValue: "malformedJSON")
    /// A page cursor (or `next_url`) that does not decode to a query string.
    public static let invalidCursor = Self(rawValue: "invalidCursor")
}

extension TapeDeckError {
    /// `malformed JSON at byte 57: expected a number for "price", found a string`. Callers that know the
    /// request add its URL in front.
    static func malformedJSON(at offset: Int, _ detail: String) -> Self {
        Self(.malformedJSON, "malformed JSON at byte \(offset): \(detail)")
    }

    static func invalidCursor(_ token: String, _ reason: String) -> Self {
        Self(
            .invalidCursor,
            "invalid page cursor \(JSONText.quoted(String(token.prefix(80)))): \(reason); pass the next_url of the previous page unchanged"
        )
    }
}
