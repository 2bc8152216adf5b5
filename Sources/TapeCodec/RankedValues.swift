/// The distinct values of a column ordered by how often they occur, and each value's rank: the
/// dictionary that ``IntegerColumn`` and ``TraitsColumn`` write, so that the commonest values get the
/// smallest numbers and pack into the fewest bits.
///
/// Values are named by their index: the caller hashes and compares them in place, so that counting
/// record traits builds no values. Counting uses its own open-addressing table keyed by the caller's
/// 64-bit hash (a multiply and a shift for integers) rather than `Dictionary`: the encoder counts several
/// columns of every record, and `Hasher`'s SipHash made that the largest cost of encoding a segment.
struct RankedValues {
    /// The index of each distinct value's first occurrence, most frequent value first; equally frequent
    /// ones in order of first appearance.
    var distinct: [Int]
    /// The rank of every value, in input order.
    var ranks: [UInt64]

    /// Ranks values `0..<count`; `nil` when there are more than `limit` distinct ones (a dictionary would
    /// not pay). Equal values must have equal hashes.
    @inline(__always)
    init?(count: Int, limit: Int = .max, hash: (Int) -> UInt64, equal: (Int, Int) -> Bool) {
        var firsts: [Int] = []
        var counts: [Int] = []
        var order = [UInt64](repeating: 0, count: count)
        // Slots hold id + 1 (0 = empty); the table is kept at most half full.
        var shift: UInt64 = 64 - 6
        var slots = [Int32](repeating: 0, count: 1 << 6)
        for index in 0..<count {
            var slot = Int(truncatingIfNeeded: (hash(index) &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let entry = Int(slots[slot])
                if entry == 0 {
                    guard firsts.count < limit else { return nil }
                    let id = firsts.count
                    firsts.append(index)
                    counts.append(1)
                    order[index] = UInt64(id)
                    slots[slot] = Int32(id + 1)
                    if 2 * firsts.count > slots.count {
                        shift -= 1
                        slots = [Int32](repeating: 0, count: slots.count * 2)
                        for (id, first) in firsts.enumerated() {
                            var slot = Int(truncatingIfNeeded: (hash(first) &* 0x9E37_79B9_7F4A_7C15) >> shift)
                            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
                            slots[slot] = Int32(id + 1)
                        }
                    }
                    break
                }
                if equal(firsts[entry - 1], index) {
                    counts[entry - 1] += 1
                    order[index] = UInt64(entry - 1)
                    break
                }
                slot = (slot + 1) & (slots.count - 1)
            }
        }
        let byRank = firsts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var rankOfID = [UInt64](repeating: 0, count: firsts.count)
        for (rank, id) in byRank.enumerated() { rankOfID[id] = UInt64(rank) }
        distinct = byRank.map { firsts[$0] }
        ranks = order.map { rankOfID[Int($0)] }
    }

    /// Ranks the values of an integer column.
    init?(_ values: [UInt64], limit: Int = .max) {
        let ranked: RankedValues? = values.withUnsafeBufferPointer { values in
            RankedValues(count: values.count, limit: limit, hash: { values[$0] }, equal: { values[$0] == values[$1] })
        }
        guard let ranked else { return nil }
        self = ranked
    }
}
