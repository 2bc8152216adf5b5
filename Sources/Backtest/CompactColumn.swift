/// A column that stores its values in a narrower type while every value converts back exactly, and in
/// the full type from the first value that does not: a day of quote sizes, exchange ids and sequence
/// numbers takes 8 bytes a quote instead of 32, and reads back bit for bit either way.
///
/// Real quotes fit the narrow form (sizes are whole round lots, exchange ids are below 256, a symbol's
/// sequence numbers restart every day); anything else — a half share, a planted sequence number — only
/// costs the memory it needs.
public struct CompactColumn<Element: CompactElement>: RandomAccessCollection, Sendable {
    @usableFromInline var narrow: [Element.Narrow] = []
    /// Every value, once one of them did not fit the narrow form; `narrow` is empty then.
    @usableFromInline var wide: [Element]?

    public init() {}

    public init(_ values: some Sequence<Element>) {
        for value in values { append(value) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { wide?.count ?? narrow.count }

    @inlinable
    public subscript(position: Int) -> Element {
        if let wide { return wide[position] }
        return Element(widening: narrow[position])
    }

    /// Makes room for `capacity` values in the narrow form.
    public mutating func reserveCapacity(_ capacity: Int) {
        if wide == nil { narrow.reserveCapacity(capacity) } else { wide!.reserveCapacity(capacity) }
    }

    @inlinable
    public mutating func append(_ value: Element) {
        if wide != nil {
            wide!.append(value)
        } else if let small = value.narrowed {
            narrow.append(small)
        } else {
            widen(appending: value)
        }
    }

    /// Moves every value to the wide form, then appends `value`, which does not fit the narrow one.
    @usableFromInline
    mutating func widen(appending value: Element) {
        var all = [Element]()
        all.reserveCapacity(Swift.max(narrow.capacity, narrow.count + 1))
        all.append(contentsOf: narrow.lazy.map(Element.init(widening:)))
        all.append(value)
        narrow = []
        wide = all
    }

    /// Whether the values are held in the narrow form.
    public var isNarrow: Bool { wide == nil }
}

/// A value a ``CompactColumn`` can hold in a narrower type when it converts back exactly.
public protocol CompactElement: Sendable {
    /// The narrow form.
    associatedtype Narrow: Sendable
    /// The narrow form of the value when it converts back to exactly this value, `nil` otherwise.
    var narrowed: Narrow? { get }
    init(widening narrow: Narrow)
}

extension Double: CompactElement {
    /// A `Float` that reads back with the same bits (so −0 stays −0; NaN payloads stay wide).
    @inlinable public var narrowed: Float? {
        let small = Float(self)
        return Double(small).bitPattern == bitPattern ? small : nil
    }

    @inlinable public init(widening narrow: Float) { self.init(narrow) }
}

extension Int64: CompactElement {
    @inlinable public var narrowed: UInt32? { UInt32(exactly: self) }
    @inlinable public init(widening narrow: UInt32) { self.init(narrow) }
}

extension Int: CompactElement {
    @inlinable public var narrowed: UInt8? { UInt8(exactly: self) }
    @inlinable public init(widening narrow: UInt8) { self.init(narrow) }
}
