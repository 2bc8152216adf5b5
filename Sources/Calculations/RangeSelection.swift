/// The k-th smallest value of any range of a fixed sequence, in O(log σ) per query (σ distinct values): a
/// wavelet matrix over the values' ranks. A one-pass reader uses it for medians over an entry's window,
/// where selecting from a copy of the window costs O(window) per entry.
///
/// Items may be missing (`nil`, e.g. an unusable quote): they are coded above every value, so they are
/// never selected, and ``count(in:)`` leaves them out. Memory: about `log₂ σ × 0.19` bytes per item for
/// the levels, 4 bytes per item for the counts, and the distinct values; building takes 8 more bytes per
/// item for a while.
public struct RangeSelection: Sendable {
    /// The distinct values, ascending: a code is an index here (`values.count` codes a missing item).
    private let values: [Double]
    /// One bit per item and level, top bit first; each level lists the items with a 0 bit first.
    private let levels: [BitLevel]
    /// `present[i]`: items among the first `i` that are not missing.
    private let present: [Int32]

    /// The sequence of `count` items, item `i` being `item(i)`; values must not be NaN.
    public init(count: Int, item: (Int) -> Double?) {
        // The present items by value: order-preserving keys sorted by a byte-wise radix sort, O(n).
        var keys: [UInt64] = []
        var rows: [UInt32] = []
        keys.reserveCapacity(count)
        rows.reserveCapacity(count)
        for index in 0..<count {
            guard let value = item(index) else { continue }
            let bits = value.bitPattern
            keys.append(bits >> 63 == 1 ? ~bits : bits | 1 << 63)
            rows.append(UInt32(index))
        }
        Self.radixSort(&keys, carrying: &rows)
        // Codes are ranks among the distinct values; a missing item is coded above them all.
        var distinct: [Double] = []
        var codes = [UInt32](repeating: .max, count: count)
        for (key, row) in zip(keys, rows) {
            let value = Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
            if distinct.last != value { distinct.append(value) }
            codes[Int(row)] = UInt32(distinct.count - 1)
        }
        keys = []
        rows = []
        var present = [Int32](repeating: 0, count: count + 1)
        for index in 0..<count {
            let isPresent = codes[index] != .max
            if !isPresent { codes[index] = UInt32(distinct.count) }
            present[index + 1] = present[index] + (isPresent ? 1 : 0)
        }
        let bits = max(1, Int.bitWidth - distinct.count.leadingZeroBitCount)
        var levels: [BitLevel] = []
        levels.reserveCapacity(bits)
        var next = codes
        for level in 0..<bits {
            let bit = UInt32(bits - 1 - level)
            let built = BitLevel(codes, bit: bit)
            // Stable partition: the items with a 0 bit, then those with a 1 bit.
            var zeros = 0
            var ones = built.zeroCount
            for code in codes {
                if code >> bit & 1 == 0 {
                    next[zeros] = code
                    zeros += 1
                } else {
                    next[ones] = code
                    ones += 1
                }
            }
            swap(&codes, &next)
            levels.append(built)
        }
        self.values = distinct
        self.levels = levels
        self.present = present
    }

    /// Sorts `keys` ascending, moving `rows` along (stable): 16 bits at a time from the least significant,
    /// skipping a digit that every key shares (the sign and exponent of most values).
    private static func radixSort(_ keys: inout [UInt64], carrying rows: inout [UInt32]) {
        let count = keys.count
        var otherKeys = [UInt64](repeating: 0, count: count)
        var otherRows = [UInt32](repeating: 0, count: count)
        var starts = [Int](repeating: 0, count: 65_537)
        for shift in stride(from: UInt64(0), to: 64, by: 16) {
            let moved = keys.withUnsafeBufferPointer { keys in
                rows.withUnsafeBufferPointer { rows in
                    otherKeys.withUnsafeMutableBufferPointer { sortedKeys in
                        otherRows.withUnsafeMutableBufferPointer { sortedRows in
                            starts.withUnsafeMutableBufferPointer { starts in
                                starts.update(repeating: 0)
                                for key in keys { starts[Int(truncatingIfNeeded: key >> shift & 0xFFFF) + 1] += 1 }
                                if starts.contains(count) { return false }  // one digit value holds every key
                                for digit in 1...65_536 { starts[digit] += starts[digit - 1] }
                                for index in 0..<count {
                                    let key = keys[index]
                                    let digit = Int(truncatingIfNeeded: key >> shift & 0xFFFF)
                                    sortedKeys[starts[digit]] = key
                                    sortedRows[starts[digit]] = rows[index]
                                    starts[digit] += 1
                                }
                                return true
                            }
                        }
                    }
                }
            }
            if moved {
                swap(&keys, &otherKeys)
                swap(&rows, &otherRows)
            }
        }
    }

    /// The sequence `items`; values must not be NaN.
    public init(_ items: [Double?]) {
        self.init(count: items.count) { items[$0] }
    }

    /// Items in `range` that are not missing.
    public func count(in range: Range<Int>) -> Int {
        Int(present[range.upperBound] - present[range.lowerBound])
    }

    /// The `rank`-th smallest value in `range` (0-based, below ``count(in:)``).
    public func value(rank: Int, in range: Range<Int>) -> Double {
        precondition(rank >= 0 && rank < count(in: range), "rank \(rank) of \(count(in: range)) values")
        var rank = rank
        var lower = range.lowerBound
        var upper = range.upperBound
        var code = 0
        for level in levels {
            let onesBelowLower = level.ones(before: lower)
            let onesBelowUpper = level.ones(before: upper)
            let zerosInRange = (upper - onesBelowUpper) - (lower - onesBelowLower)
            code <<= 1
            if rank < zerosInRange {
                lower -= onesBelowLower
                upper -= onesBelowUpper
            } else {
                rank -= zerosInRange
                lower = level.zeroCount + onesBelowLower
                upper = level.zeroCount + onesBelowUpper
                code |= 1
            }
        }
        return values[code]
    }

    /// The median of the values in `range` as a running median keeps it (the middle value, or the mean of
    /// the two middle values), `nil` when there is none.
    public func median(in range: Range<Int>) -> Double? {
        let count = count(in: range)
        guard count > 0 else { return nil }
        let middle = value(rank: count / 2, in: range)
        return count % 2 == 1 ? middle : (value(rank: count / 2 - 1, in: range) + middle) / 2
    }
}

/// One level of a ``RangeSelection``: a bit per item, with the count of ones before every 64-bit word.
private struct BitLevel: Sendable {
    let words: [UInt64]
    /// `onesBefore[w]`: ones in words `0..<w`.
    let onesBefore: [UInt32]
    let zeroCount: Int

    init(_ codes: [UInt32], bit: UInt32) {
        var words = [UInt64](repeating: 0, count: codes.count / 64 + 1)
        for (index, code) in codes.enumerated() where code >> bit & 1 == 1 {
            words[index >> 6] |= 1 << UInt64(index & 63)
        }
        var onesBefore = [UInt32](repeating: 0, count: words.count + 1)
        for index in words.indices { onesBefore[index + 1] = onesBefore[index] + UInt32(words[index].nonzeroBitCount) }
        self.words = words
        self.onesBefore = onesBefore
        zeroCount = codes.count - Int(onesBefore[words.count])
    }

    /// Ones among the first `position` items.
    func ones(before position: Int) -> Int {
        let word = position >> 6
        let offset = UInt64(position & 63)
        let mask: UInt64 = offset == 0 ? 0 : (1 << offset) - 1
        return Int(onesBefore[word]) + (words[word] & mask).nonzeroBitCount
    }
}
