/// JSON string literals (RFC 8259), the one escaper behind canonical output, exports and error messages.
public enum JSONText {
    /// `text` as a quoted JSON string: `"` and `\` escaped, `\n` `\r` `\t` by name, other control
    /// characters as `\u00XX`, everything else (including non-ASCII) as is.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
