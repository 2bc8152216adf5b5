/// One canonical JSON line read back as its keys and raw value spellings, to name the first differing
/// value between two golden files exactly as written (no re-formatting of numbers).
///
/// Only the flat objects ``ResultFormatter/jsonLines(_:)`` writes are read: string keys, values that are
/// strings, numbers, `true`, `false` or `null`.
struct CanonicalLine {
    /// Keys in file order.
    private(set) var keys: [String] = []
    private var values: [String: String] = [:]

    subscript(key: String) -> String? { values[key] }

    /// `id symbol entry_time` of the line.
    var entry: String {
        func text(_ key: String) -> String {
            guard let raw = values[key] else { return "-" }
            return raw == "null" ? "-" : raw.hasPrefix("\"") ? String(raw.dropFirst().dropLast()) : raw
        }
        return "\(text("id")) \(text("symbol")) \(text("entry_time"))"
    }

    /// Reads a line, or `nil` if it is not a flat canonical object.
    init?(_ line: String) {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        func readString() -> String? {
            guard index < scalars.count, scalars[index] == "\"" else { return nil }
            var out = String.UnicodeScalarView()
            out.append(scalars[index])
            index += 1
            while index < scalars.count {
                let scalar = scalars[index]
                out.append(scalar)
                index += 1
                if scalar == "\\", index < scalars.count {
                    out.append(scalars[index])
                    index += 1
                } else if scalar == "\"" {
                    return String(out)
                }
            }
            return nil
        }
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        index = 1
        while index < scalars.count - 1 {
            guard let key = readString(), index < scalars.count, scalars[index] == ":" else { return nil }
            index += 1
            let value: String
            if scalars[index] == "\"" {
                guard let string = readString() else { return nil }
                value = string
            } else {
                var raw = String.UnicodeScalarView()
                while index < scalars.count - 1, scalars[index] != "," {
                    raw.append(scalars[index])
                    index += 1
                }
                value = String(raw)
            }
            let name = String(key.dropFirst().dropLast())
            keys.append(name)
            values[name] = value
            if index < scalars.count - 1 {
                guard scalars[index] == "," else { return nil }
                index += 1
            }
        }
    }
}
