/// A column of unsigned integers (zig-zag deltas, offsets, scaled decimals), written whichever way is
/// smaller: packed as they are, or — for columns with few distinct values, like trade sizes — as a
/// frequency-ranked dictionary and the packed ranks.
///
/// Layout: `byte mode`; mode 0: a ``PackedColumn`` of the values; mode 1: `varint d`, the `d` distinct
/// values as varints, most frequent first, then a ``PackedColumn`` of ranks.
enum IntegerColumn {
    /// More distinct values than this never make a dictionary pay (and stop the count early).
    static let dictionaryLimit = 256

    static func write(_ values: [UInt64], to column: inout ColumnWriter) {
        let plain = PackedColumn.size(values)
        if let ranked = RankedValues(values, limit: dictionaryLimit) {
            let table =
                ColumnWriter.varintSize(UInt64(ranked.distinct.count))
                + ranked.distinct.reduce(0) { $0 + ColumnWriter.varintSize(values[$1]) }
            if table + PackedColumn.size(ranked.ranks) < plain {
                column.byte(1)
                column.varint(UInt64(ranked.distinct.count))
                for first in ranked.distinct { column.varint(values[first]) }
                PackedColumn.write(ranked.ranks, to: &column)
                return
            }
        }
        column.byte(0)
        PackedColumn.write(values, to: &column)
    }

    /// How a column's unsigned values map back to the integers that were written.
    enum Decoding {
        /// Two's-complement bit patterns (SIP deltas, bar traits).
        case bitPattern
        /// Zig-zag values (``ColumnWriter/zigZag(_:)``).
        case zigZag
        /// Zig-zag deltas from the value before, the first from 0.
        case zigZagDeltas
    }

    /// The values of one integer column; `nil` when it is malformed or holds more than `maximumCount`.
    static func read(_ column: inout ColumnReader, maximumCount: Int, as decoding: Decoding) -> [Int64]? {
        read(&column, maximumCount: maximumCount, as: decoding, into: Int64.self) { UInt64(bitPattern: $0) }
    }

    /// The values of one integer column converted to `Element`s by `bits` (which gives each element's bit
    /// pattern) in the same pass that decodes them, with no intermediate array.
    @inline(__always)
    static func read<Element: BitwiseCopyable>(
        _ column: inout ColumnReader, maximumCount: Int, as decoding: Decoding, into type: Element.Type,
        bits: (Int64) -> UInt64
    ) -> [Element]? {
        let mode = column.byte()
        var table: [UInt64] = []
        if mode == 1 {
            let count = Int(clamping: column.varint())
            // Every dictionary entry takes at least one byte.
            guard !column.failed, count <= column.end - column.position else { return nil }
            table = (0..<count).map { _ in column.varint() }
        } else if mode != 0 {
            return nil
        }
        guard !column.failed else { return nil }
        // Ranks are looked up and values decoded in one pass over each freshly unpacked column.
        return table.withUnsafeBufferPointer { table in
            PackedColumn.read(&column, maximumCount: maximumCount, as: Element.self) { values, count in
                if mode == 1 {
                    let size = UInt64(table.count)
                    guard size > 0 || count == 0 else { return false }
                    var valid = true
                    for index in 0..<count {
                        let rank = values[index]
                        valid = valid && rank < size
                        values[index] = table[Int(min(rank, size &- 1))]
                    }
                    guard valid else { return false }
                }
                switch decoding {
                case .bitPattern:
                    for index in 0..<count { values[index] = bits(Int64(bitPattern: values[index])) }
                case .zigZag:
                    for index in 0..<count { values[index] = bits(ColumnReader.unZigZag(values[index])) }
                case .zigZagDeltas:
                    var previous: Int64 = 0
                    for index in 0..<count {
                        previous = previous &+ ColumnReader.unZigZag(values[index])
                        values[index] = bits(previous)
                    }
                }
                return true
            }
        }
    }

    /// Writes `Int64`s as zig-zag values, as deltas from the value before when `differenced`.
    static func writeSigned(_ values: [Int64], differenced: Bool, to column: inout ColumnWriter) {
        var previous: Int64 = 0
        write(
            values.map { value in
                defer { previous = value }
                return ColumnWriter.zigZag(differenced ? value &- previous : value)
            }, to: &column)
    }
}
