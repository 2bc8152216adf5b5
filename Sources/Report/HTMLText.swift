import MarketData

/// Escaping of text placed in the report's HTML and in its embedded JSON.
package enum HTMLText {
    /// `text` safe as HTML element content or a double-quoted attribute value: `&`, `<`, `>`, `"` and
    /// `'` become character references.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as a JSON string literal that is also safe inside a `<script>` element (see
    /// `JSONText.quoted(_:safeInScript:)`): no `</script>` or `<!--` can end or change the element.
    package static func scriptString(_ text: String) -> String {
        JSONText.quoted(text, safeInScript: true)
    }
}
