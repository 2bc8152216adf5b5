import Foundation
import MarketData

/// Reads signals: CSV lines `symbol,entry_time[,id]` or JSON lines `{"symbol":…,"entry_time":…,"id":…}`.
///
/// Blank lines and lines starting with `#` are skipped; a first CSV line whose first field is `symbol`
/// is a header. Lines may end in `\n`, `\r\n` (Windows) or `\r`, and a UTF-8 byte order mark at the start
/// of the file is skipped; a UTF-16 file or bytes that are not UTF-8 are an error saying so. Entry times
/// are ISO-8601 with an offset or New York local time (``Timestamp/init(parsing:)``), between
/// ``Timestamp/earliest`` and ``Timestamp/latest``. Every error names the file and line.
public enum SignalReader {
    /// Reads the signals file at `path`.
    public static func read(contentsOf path: String) throws(TapeDeckError) -> [Signal] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TapeDeckError(
                .malformedSignals, "cannot read signals file \(JSONText.quoted(path)); check the path (run from the package root for recordings/…)")
        }
        return try parse(bytes: Array(data), file: path)
    }

    /// Parses the bytes of a signals file: UTF-8, with or without a byte order mark; `file` names it in
    /// messages.
    public static func parse(bytes: [UInt8], file: String) throws(TapeDeckError) -> [Signal] {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .malformedSignals(file: file, line: 1, "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = firstInvalidUTF8Line(bytes)
            throw .malformedSignals(file: file, line: line, "this line is not UTF-8 text; save the file as UTF-8")
        }
        return try parse(text, file: file)
    }

    /// Parses signals text; `file` names it in messages. A leading byte order mark (U+FEFF) is skipped.
    public static func parse(_ text: String, file: String) throws(TapeDeckError) -> [Signal] {
        var signals: [Signal] = []
        var lineNumber = 0
        let body = text.hasPrefix("\u{FEFF}") ? Substring(text.unicodeScalars.dropFirst()) : Substring(text)
        // `\r\n` is one Character in Swift, so splitting on "\n" alone would keep Windows lines whole.
        for rawLine in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ reason: String) -> TapeDeckError { .malformedSignals(file: file, line: lineNumber, reason) }
            let fields: (symbol: String, time: String, id: String?)
            if line.hasPrefix("{") {
                fields = try jsonFields(line, fail: fail)
            } else {
                let parts = line.split(separator: ",", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                if signals.isEmpty, parts.first?.lowercased() == "symbol" { continue }
                guard parts.count == 2 || parts.count == 3 else {
                    throw fail("expected symbol,entry_time[,id], found \(parts.count) fields")
                }
                fields = (parts[0], parts[1], parts.count == 3 && !parts[2].isEmpty ? parts[2] : nil)
            }
            let symbol: Symbol
            let entry: Timestamp
            do {
                symbol = try Symbol(fields.symbol)
                entry = try Timestamp(parsing: fields.time)
            } catch {
                throw fail(error.message)
            }
            signals.append(Signal(symbol: symbol, entry: entry, id: fields.id, location: "\(file):\(lineNumber)"))
        }
        return signals
    }

    /// The 1-based line holding the first byte sequence that is not UTF-8.
    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }

    private static func jsonFields(_ line: String, fail: (String) -> TapeDeckError) throws(TapeDeckError)
        -> (symbol: String, time: String, id: String?)
    {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw fail("not a JSON object; expected {\"symbol\":\"SPY\",\"entry_time\":\"2024-03-15T10:30:00-04:00\"}")
        }
        guard let symbol = object["symbol"] as? String else { throw fail("missing string field \"symbol\"") }
        guard let time = object["entry_time"] as? String else { throw fail("missing string field \"entry_time\"") }
        var id: String?
        switch object["id"] {
        case nil, is NSNull: id = nil
        case let text as String: id = text
        case let number as NSNumber: id = number.stringValue
        default: throw fail("field \"id\" must be a string or a number")
        }
        return (symbol, time, id)
    }
}
