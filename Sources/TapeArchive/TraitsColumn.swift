/// A record's categorical fields taken together — presence bits, exchanges, tape, condition lists —
/// written as a frequency-ranked dictionary of the distinct combinations and one packed rank per record.
///
/// A liquid day has a few dozen combinations, so a record's traits cost a few bits, and a decoder copies
/// them out of a small table instead of decoding each field (and building each condition list) per record.
/// Layout: `varint d`, the `d` entries (written by the record kind, most frequent first), then a
/// ``PackedColumn`` of ranks.
enum TraitsColumn {
    /// Writes the table and the ranks of records `0..<count`: `hash` summarises a record's traits (equal
    /// traits, equal hashes), `equal` compares two records' traits, `entry` writes one record's traits.
    @inline(__always)
    static func write(
        count: Int, to column: inout ColumnWriter, hash: (Int) -> UInt64, equal: (Int, Int) -> Bool,
        entry: (Int, inout ColumnWriter) -> Void
    ) {
        let ranked = RankedValues(count: count, hash: hash, equal: equal)!
        column.varint(UInt64(ranked.distinct.count))
        for first in ranked.distinct { entry(first, &column) }
        PackedColumn.write(ranked.ranks, to: &column)
    }

    /// The table and every record's rank (each below the table's size); `nil` when the column is
    /// malformed, an entry fails to read, or it holds other than `count` ranks.
    static func read<Traits>(
        _ column: inout ColumnReader, count: Int, entry: (inout ColumnReader) -> Traits?
    ) -> (table: [Traits], ranks: [UInt64])? {
        let size = Int(clamping: column.varint())
        // Every entry takes at least one byte.
        guard !column.failed, size <= column.end - column.position else { return nil }
        var table: [Traits] = []
        table.reserveCapacity(size)
        for _ in 0..<size {
            guard let value = entry(&column), !column.failed else { return nil }
            table.append(value)
        }
        guard let ranks = PackedColumn.read(&column, maximumCount: count), ranks.count == count,
            ranks.allSatisfy({ $0 < UInt64(size) })
        else { return nil }
        return (table, ranks)
    }
}
