/// A trade's id exactly as Polygon sends it (`id`, a string unique per ticker, exchange and TRF).
///
/// Polygon's ids are decimal numbers in practice, so an id that is a canonical decimal — 1 to 18 ASCII
/// digits without a leading zero, or "0" — is kept as its number: no string is built for it when
/// millions of trades are decoded, and copying it is a copy of a word. Any other text is kept verbatim in
/// a shared box. Either way ``description`` gives back exactly the text that was received.
public struct TradeID: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id's number when it is a canonical decimal, else −1.
    private var value: Int64
    /// The id's text when it is not a canonical decimal.
    private var text: Text?

    private final class Text: Sendable {
        let string: String
        init(_ string: String) { self.string = string }
    }

    /// Ids above this have 19 digits and are kept as text, so that every numeric id is a canonical decimal.
    public static let largestNumber: Int64 = 999_999_999_999_999_999

    /// The id `text`.
    public init(_ text: String) {
        var text = text
        let number = text.withUTF8 { TradeID.canonicalDecimal($0) }
        self.init(value: number ?? -1, text: number == nil ? Text(text) : nil)
    }

    /// The id whose UTF-8 bytes are `utf8` (invalid UTF-8 is repaired, as `String(decoding:as:)` does).
    public init(utf8: UnsafeBufferPointer<UInt8>) {
        if let number = TradeID.canonicalDecimal(utf8) {
            self.init(value: number, text: nil)
        } else {
            self.init(value: -1, text: Text(String(decoding: utf8, as: UTF8.self)))
        }
    }

    /// The id written as the decimal `number`.
    public init(_ number: Int64) {
        if number >= 0, number <= TradeID.largestNumber {
            self.init(value: number, text: nil)
        } else {
            self.init(value: -1, text: Text(String(number)))
        }
    }

    public init(stringLiteral text: String) {
        self.init(text)
    }

    private init(value: Int64, text: Text?) {
        self.value = value
        self.text = text
    }

    /// The id's number when it is a canonical decimal (what Polygon sends); `nil` for any other text.
    public var number: Int64? { value >= 0 ? value : nil }

    /// The id's text, exactly as received.
    public var description: String { text?.string ?? String(value) }

    public static func == (lhs: TradeID, rhs: TradeID) -> Bool {
        lhs.value == rhs.value && lhs.text?.string == rhs.text?.string
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(text?.string)
    }

    /// The value of `utf8` if it is a canonical decimal of at most 18 digits, so that `String(value)`
    /// gives the same bytes back.
    static func canonicalDecimal(_ utf8: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !utf8.isEmpty, utf8.count <= 18, utf8[0] != UInt8(ascii: "0") || utf8.count == 1 else { return nil }
        var value: Int64 = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value &* 10 &+ Int64(byte &- UInt8(ascii: "0"))
        }
        return value
    }
}
