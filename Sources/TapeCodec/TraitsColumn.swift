/// A record's categorical fields taken together — presence bits, exchanges, tape, condition lists —
/// written as a frequency-ranked dictionary of the distinct combinations and one packed rank per record.
///
/// A liquid day has a few dozen combinations, so a record's traits cost a few bits, and a decoder copies
/// them out of a small table instead of decoding each field (and building each condition list) per record.
/// Layout: `varint d`, the `d` entries (written by the record kind, most frequent first), then a
/// ``PackedColumn`` of ranks.
enum TraitsColumn {
    /// Writes the table and the ranks of `records`, whose presence bits are `bits`: `summary` hashes a
    /// record's traits (equal traits, equal hashes), `same` compares two records' traits (their bits being
    /// equal), `entry` writes one record's traits. Records are passed by pointer: copying a `Trade` or
    /// `Quote` per call would cost more than the comparison.
    @inline(__always)
    static func write<Record>(
        _ records: [Record], bits: [UInt8], to column: inout ColumnWriter,
        summary: (UnsafePointer<Record>, UInt8) -> UInt64, same: (UnsafePointer<Record>, UnsafePointer<Record>) -> Bool,
        entry: (UnsafePointer<Record>, UInt8, inout ColumnWriter) -> Void
    ) {
        records.withUnsafeBufferPointer { records in
            bits.withUnsafeBufferPointer { bits in
                guard let base = records.baseAddress else {
                    column.varint(0)
                    PackedColumn.write([], to: &column)
                    return
                }
                let ranked = RankedValues(
                    count: records.count, hash: { summary(base + $0, bits[$0]) },
                    equal: { bits[$0] == bits[$1] && same(base + $0, base + $1) })!
                column.varint(UInt64(ranked.distinct.count))
                for first in ranked.distinct { entry(base + first, bits[first], &column) }
                PackedColumn.write(ranked.ranks, to: &column)
            }
        }
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
        table.reserveCapacity(min(size, (column.end - column.position) / 2))
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
