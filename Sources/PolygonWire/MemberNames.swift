import MarketData

/// The member names of one JSON object read so far, so that a name given twice is refused.
///
/// RFC 8259 leaves duplicate names undefined, and parsers disagree on which value wins
/// (`{"price":1.5,"price":123456}` is 1.5 to one and 123456 to another), so a page with one is damage,
/// never data. Readers track the members they know with a bit each (``JSONReader/once(_:_:_:in:at:)``);
/// this set holds the others. It allocates nothing until the first name is inserted, compares names
/// linearly while there are few (objects have a handful) and switches to hashing past
/// ``linearLimit``, so a hostile object with a million members costs linear time.
struct MemberNames {
    /// Names compared one by one before switching to a hash set.
    static let linearLimit = 16

    private var few: [JSONKey] = []
    private var many: Set<[UInt8]>?

    /// Adds `key`; `false` when the object already had a member of that name.
    mutating func insert(_ key: JSONKey) -> Bool {
        if var set = many {
            many = nil  // keep the set uniquely referenced while it is mutated
            let inserted = set.insert(key.bytes).inserted
            many = set
            return inserted
        }
        for other in few where other.isEqual(to: key) { return false }
        few.append(key)
        if few.count > Self.linearLimit {
            many = Set(few.map(\.bytes))
            few = []
        }
        return true
    }
}

extension JSONKey {
    /// The name's bytes (escapes decoded).
    var bytes: [UInt8] {
        switch self {
        case .span(let bytes): Array(bytes)
        case .decoded(let bytes): bytes
        }
    }

    /// The name as text, for messages.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether two names are the same bytes once escapes are decoded.
    func isEqual(to other: JSONKey) -> Bool {
        withBuffer { mine in other.withBuffer { theirs in mine.elementsEqual(theirs) } }
    }

    private func withBuffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch self {
        case .span(let bytes): body(bytes)
        case .decoded(let bytes): bytes.withUnsafeBufferPointer(body)
        }
    }
}

extension JSONReader {
    /// Marks the known member `bit` of `seen` as read, or throws naming the member, the object and the
    /// offset of its second occurrence.
    @inline(__always)
    func once(
        _ seen: inout UInt32, _ bit: UInt32, _ name: StaticString, in object: @autoclosure () -> String, at keyOffset: Int
    ) throws(TapeDeckError) {
        guard seen & bit == 0 else { throw JSONReader.duplicate("\(name)", in: object(), at: keyOffset) }
        seen |= bit
    }

    /// Adds an unknown member's name to `names`, or throws when the object already had it.
    @inline(__always)
    func once(_ key: JSONKey, in names: inout MemberNames, object: @autoclosure () -> String, at keyOffset: Int)
        throws(TapeDeckError)
    {
        guard names.insert(key) else { throw JSONReader.duplicate(key.text, in: object(), at: keyOffset) }
    }

    static func duplicate(_ name: String, in object: String, at offset: Int) -> TapeDeckError {
        .malformedJSON(
            at: offset,
            "member \(JSONText.quoted(String(name.prefix(80)))) appears twice in \(object); a JSON object must name each member once, and readers disagree on which value wins"
        )
    }
}
