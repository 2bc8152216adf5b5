import MarketData

/// Records of one kind in tape order, held in memory as the segment codec's columnar bytes (no zlib) in
/// blocks: a day of quotes takes a fraction of its size as values, and any window of it reads back
/// exactly, one block at a time.
///
/// The audit keeps its symbol-day this way: it rereads windows of it for every entry and every check,
/// and a day of `[Quote]` (over a hundred bytes a quote) would not fit a real-size day's budget.
public struct EncodedRecords<Record: ColumnarRecord & Sendable>: Sendable {
    private struct Block: Sendable {
        var bytes: [UInt8]
        var count: Int
        var firstTime: Int64
        var lastTime: Int64
    }

    /// Records per block: a block is the unit decoded, so this bounds what one read holds besides its result.
    public let blockSize: Int
    private var blocks: [Block] = []
    /// The last records, fewer than a block, not yet encoded.
    private var tail: [Record] = []

    public init(blockSize: Int = 65_536) {
        self.blockSize = max(1, blockSize)
    }

    public init(_ records: [Record], blockSize: Int = 65_536) {
        self.init(blockSize: blockSize)
        append(contentsOf: records)
    }

    /// Number of records held.
    public var count: Int { blocks.reduce(tail.count) { $0 + $1.count } }

    /// Bytes held by the encoded blocks (the tail's records not counted).
    public var encodedBytes: Int { blocks.reduce(0) { $0 + $1.bytes.count } }

    /// Appends `records`, which continue the tape order.
    public mutating func append(contentsOf records: some Collection<Record>) {
        var rest = records[...]
        while !rest.isEmpty {
            let room = blockSize - tail.count
            tail += rest.prefix(room)
            rest = rest.dropFirst(room)
            if tail.count == blockSize {
                blocks.append(Self.encode(tail))
                tail.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The records whose tape time lies in `window`, handed to `body` a block at a time, in order, with
    /// the number the overlapping blocks hold (at least the total).
    public func forEachPiece(in window: TimeWindow, _ body: (_ piece: [Record], _ expected: Int) throws -> Void) rethrows {
        let start = window.start.nanoseconds
        let end = window.end.nanoseconds
        let overlapping = blocks.filter { $0.lastTime >= start && $0.firstTime < end }
        let tailOverlaps = tail.first.map { $0.tapeTime.nanoseconds < end && tail.last!.tapeTime.nanoseconds >= start } ?? false
        let expected = overlapping.reduce(tailOverlaps ? tail.count : 0) { $0 + $1.count }
        for block in overlapping {
            let records = Self.decode(block)
            if start <= block.firstTime && block.lastTime < end {
                try body(records, expected)
            } else {
                try body(records.filter { window.contains($0.tapeTime) }, expected)
            }
        }
        if tailOverlaps { try body(tail.filter { window.contains($0.tapeTime) }, expected) }
    }

    /// The records whose tape time lies in `window`.
    public func records(in window: TimeWindow) -> [Record] {
        var result: [Record] = []
        forEachPiece(in: window) { piece, expected in
            if result.isEmpty { result.reserveCapacity(expected) }
            result += piece
        }
        return result
    }

    private static func encode(_ records: [Record]) -> Block {
        Block(
            bytes: Record.encodeColumns(records).bytes, count: records.count, firstTime: records.first!.tapeTime.nanoseconds,
            lastTime: records.last!.tapeTime.nanoseconds)
    }

    private static func decode(_ block: Block) -> [Record] {
        guard let records = block.bytes.withUnsafeBufferPointer({ Record.decodeColumns($0, count: block.count) }) else {
            preconditionFailure("a block of \(block.count) \(Record.kind) encoded in memory does not decode")
        }
        return records
    }
}
