import Calculations
import Testing

/// `RangeSelection` and `ExactPrefixSums` against the plain computation over each range: sorting its
/// values, adding its terms one by one.
struct RangeSelectionTests {
    /// 700 items from a fixed generator: few distinct values (many ties), some missing.
    static let items: [Double?] = {
        var state: UInt64 = 7
        return (0..<700).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let draw = Int(state >> 33)
            return draw % 9 == 0 ? nil : Double(draw % 23) * 0.25 - 2
        }
    }()

    static let ranges: [Range<Int>] = [0..<700, 0..<1, 5..<6, 63..<65, 64..<128, 100..<357, 699..<700, 250..<250, 1..<699, 333..<334]

    @Test(arguments: ranges)
    func everyRankIsTheSortedRangesValue(range: Range<Int>) {
        let selection = RangeSelection(Self.items)
        let sorted = Self.items[range].compactMap { $0 }.sorted()
        #expect(selection.count(in: range) == sorted.count)
        for rank in sorted.indices { #expect(selection.value(rank: rank, in: range) == sorted[rank], "rank \(rank) in \(range)") }
        let middle = sorted.count / 2
        let median = sorted.isEmpty ? nil : sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        #expect(selection.median(in: range) == median)
        var copy = sorted.reversed() as [Double]
        #expect(QuotedSpread.median(selectingIn: &copy) == median)
    }

    @Test func aSingleValueAndNone() {
        #expect(RangeSelection([nil, 3, nil]).median(in: 0..<3) == 3)
        #expect(RangeSelection([nil, nil]).median(in: 0..<2) == nil)
        #expect(RangeSelection([]).count(in: 0..<0) == 0)
    }

    @Test(arguments: ranges)
    func prefixSumsEqualTheRangesTermsAddedOneByOne(range: Range<Int>) {
        let term: @Sendable (Int) -> ExactPrefixSums.Terms = { index in
            var terms = ExactPrefixSums.Terms.zero
            terms[0] = (Self.items[index] ?? 0) * 0.1
            terms[1] = 1
            terms[2] = Double(index) / 3
            return terms
        }
        for count in [700, 640] where range.upperBound <= count {
            let sums = ExactPrefixSums(count: count, lanes: 3, term: term)
            var expected = [ExactSum](repeating: ExactSum(), count: 3)
            for index in range {
                for lane in 0..<3 { expected[lane].add(term(index)[lane]) }
            }
            #expect(sums.sums(range) == expected, "\(range) of \(count)")
        }
    }
}
