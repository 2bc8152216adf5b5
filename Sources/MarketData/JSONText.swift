/// JSON string literals (RFC 8259), the one escaper behind canonical output, exports, error messages and
/// the report's embedded data.
public enum JSONText {
    /// `text` as a quoted JSON string: `"` and `\` escaped, `\n` `\r` `\t` by name, other control
    /// characters as `\u00XX`, everything else (including non-ASCII) as is.
    public static func quoted(_ text: String) -> String {
        quoted(text, safeInScript: false)
    }

    /// ``quoted(_:)``; with `safeInScript`, also `<`, `>`, `&`, DEL, U+2028 and U+2029 as `\uXXXX`: still
    /// the same JSON value, and no `</script>` or `<!--` can end or change an HTML `<script>` element.
    public static func quoted(_ text: String, safeInScript: Bool) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (safeInScript && Self.endsOrChangesAScript(scalar)) {
                    out += unicodeEscape(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The scalars that could end or change an HTML `<script>` element, or a line of JavaScript, if written
    /// as themselves.
    private static func endsOrChangesAScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "<", ">", "&", "\u{7F}", "\u{2028}", "\u{2029}": true
        default: false
        }
    }

    /// `\uXXXX` for a scalar of the Basic Multilingual Plane, lowercase hex.
    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
