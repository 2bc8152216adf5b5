/// A validated US-equity ticker as Polygon spells it: `SPY`, `AAPL`, `BRK.A`, `BF.B`.
///
/// Accepted: 1-10 characters of uppercase A-Z, digits and dots, starting with a letter, with dots only
/// between other characters. Tickers are case-sensitive on Polygon, so lowercase input is rejected
/// (with the uppercase spelling suggested) rather than silently changed.
public struct Symbol: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ticker text.
    public let rawValue: String

    public init(_ text: String) throws(TapeDeckError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .invalidSymbol(text, "it is empty") }
        guard bytes.count <= 10 else { throw .invalidSymbol(text, "longer than 10 characters") }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
                continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                throw .invalidSymbol(text, "tickers are uppercase (did you mean \(text.uppercased())?)")
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                throw .invalidSymbol(text, "it contains a space")
            case UInt8(ascii: "/"):
                throw .invalidSymbol(text, "it contains a slash (write share classes with a dot: BRK.A)")
            default:
                throw .invalidSymbol(text, "it contains a character other than A-Z, 0-9 and '.'")
            }
        }
        guard bytes[0] >= UInt8(ascii: "A"), bytes[0] <= UInt8(ascii: "Z") else {
            throw .invalidSymbol(text, "it must start with a letter")
        }
        guard bytes.last != UInt8(ascii: "."), !text.contains("..") else {
            throw .invalidSymbol(text, "a dot must separate a ticker and its share class, as in BRK.A")
        }
        self.rawValue = text
    }

    public var description: String { rawValue }

    public static func < (lhs: Symbol, rhs: Symbol) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses a comma-separated list such as `SPY,AAPL` (spaces around commas allowed), in order, without
    /// duplicates.
    public static func list(parsing text: String) throws(TapeDeckError) -> [Symbol] {
        var symbols: [Symbol] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let symbol = try Symbol(String(part.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()))
            if !symbols.contains(symbol) { symbols.append(symbol) }
        }
        return symbols
    }
}
