/// Exact sums over any range of a day's items (quotes, trades), answered from one pass: the mechanism
/// behind the one-pass form of the quote calculations.
///
/// Each item contributes up to eight terms (``Terms``, one per lane) that depend only on the item and
/// its neighbours, never on where a window starts; a window's edge items are the caller's business. The
/// pass keeps the exact prefix sums (``ExactSum``) every ``spacing`` items, so the sum over a range is
/// the difference of two prefixes, each a checkpoint plus fewer than ``spacing`` terms recomputed by
/// `term`. Because the sums are exact, that equals adding the range's terms one by one, which is what
/// the per-entry calculation does: bit for bit, not approximately. Memory: 8 × 48 bytes per ``spacing``
/// items (6 bytes an item).
public struct ExactPrefixSums: Sendable {
    /// One item's terms, a lane each.
    public typealias Terms = SIMD8<Double>
    /// Items between two kept prefixes.
    public static let spacing = 64

    /// Number of items.
    public let count: Int
    /// Lanes in use (the rest are not summed).
    public let lanes: Int
    /// The terms of item `i`.
    public let term: @Sendable (Int) -> Terms
    /// `checkpoints[c * lanes + lane]`: the sum of `lane` over items `0..<c * spacing`.
    private let checkpoints: [ExactSum]

    /// The pass: `term` of every item in `0..<count`, `lanes` lanes of it summed.
    public init(count: Int, lanes: Int, term: @escaping @Sendable (Int) -> Terms) {
        precondition((1...8).contains(lanes), "1 to 8 lanes")
        self.count = count
        self.lanes = lanes
        self.term = term
        var checkpoints: [ExactSum] = []
        checkpoints.reserveCapacity((count / Self.spacing + 1) * lanes)
        var running = [ExactSum](repeating: ExactSum(), count: lanes)
        for item in 0..<count {
            if item % Self.spacing == 0 { checkpoints.append(contentsOf: running) }
            let terms = term(item)
            for lane in 0..<lanes { running[lane].add(terms[lane]) }
        }
        if count % Self.spacing == 0 { checkpoints.append(contentsOf: running) }
        self.checkpoints = checkpoints
    }

    /// The exact sum of each lane over the items in `range` (within `0..<count`).
    public func sums(_ range: Range<Int>) -> [ExactSum] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range \(range) outside 0..<\(count)")
        if range.count <= 2 * Self.spacing { return add(range, to: [ExactSum](repeating: ExactSum(), count: lanes)) }
        let upper = prefix(range.upperBound)
        let lower = prefix(range.lowerBound)
        return (0..<lanes).map { upper[$0] - lower[$0] }
    }

    /// The sum of each lane over items `0..<end`.
    private func prefix(_ end: Int) -> [ExactSum] {
        let checkpoint = end / Self.spacing
        let kept = Array(checkpoints[(checkpoint * lanes)..<((checkpoint + 1) * lanes)])
        return add((checkpoint * Self.spacing)..<end, to: kept)
    }

    private func add(_ items: Range<Int>, to sums: [ExactSum]) -> [ExactSum] {
        var sums = sums
        for item in items {
            let terms = term(item)
            for lane in 0..<lanes { sums[lane].add(terms[lane]) }
        }
        return sums
    }
}
