/// The last `capacity` values of a series in a preallocated ring, with their running sum.
///
/// Adding never allocates once the ring is full. The running sum is recomputed from the stored values
/// every `capacity` additions, so rounding error from add-then-subtract cannot accumulate without bound.
struct FixedWindow: Sendable, Hashable {
    let capacity: Int
    private var storage: [Double]
    private var head = 0
    private(set) var count = 0
    private(set) var sum = 0.0
    private var sinceRecompute = 0

    init(capacity: Int) {
        precondition(capacity >= 1, "a window holds at least one value")
        self.capacity = capacity
        storage = [Double](repeating: 0, count: capacity)
    }

    var isFull: Bool { count == capacity }

    /// Adds a value; returns the value that fell out of the window, if any.
    @discardableResult
    mutating func add(_ x: Double) -> Double? {
        var evicted: Double?
        if count == capacity {
            evicted = storage[head]
            storage[head] = x
            head = (head + 1) % capacity
            sum += x - evicted!
        } else {
            storage[(head + count) % capacity] = x
            count += 1
            sum += x
        }
        sinceRecompute += 1
        if sinceRecompute >= capacity {
            sinceRecompute = 0
            var exact = 0.0
            for i in 0..<count { exact += storage[(head + i) % capacity] }
            sum = exact
        }
        return evicted
    }

    /// The `i`-th oldest value held (0 = oldest).
    subscript(i: Int) -> Double {
        storage[(head + i) % capacity]
    }

    /// The newest value.
    var last: Double? { count == 0 ? nil : self[count - 1] }

    /// The oldest value.
    var first: Double? { count == 0 ? nil : self[0] }

    mutating func removeAll() {
        head = 0
        count = 0
        sum = 0
        sinceRecompute = 0
    }
}

/// The running maximum (or minimum) of the last `capacity` values, by a monotonic deque in a
/// preallocated ring: O(1) amortised per value, no allocation after init.
struct MonotonicWindow: Sendable, Hashable {
    let capacity: Int
    let keepsMaximum: Bool
    private var values: [Double]
    private var indices: [Int]
    private var head = 0
    private var size = 0
    private var nextIndex = 0

    init(capacity: Int, maximum: Bool) {
        precondition(capacity >= 1, "a window holds at least one value")
        self.capacity = capacity
        keepsMaximum = maximum
        values = [Double](repeating: 0, count: capacity)
        indices = [Int](repeating: 0, count: capacity)
    }

    /// Values seen so far (not only those in the window).
    var seen: Int { nextIndex }

    mutating func add(_ x: Double) {
        let index = nextIndex
        nextIndex += 1
        // Drop the front if it has left the window.
        if size > 0, indices[head] <= index - capacity {
            head = (head + 1) % capacity
            size -= 1
        }
        // Drop from the back every value the new one dominates.
        while size > 0 {
            let back = (head + size - 1) % capacity
            let dominated = keepsMaximum ? values[back] <= x : values[back] >= x
            if !dominated { break }
            size -= 1
        }
        let slot = (head + size) % capacity
        values[slot] = x
        indices[slot] = index
        size += 1
    }

    /// The extreme of the window, `nil` before any value.
    var extreme: Double? { size == 0 ? nil : values[head] }
}

/// An exact running median by two binary heaps (lower half as a max-heap, upper half as a min-heap):
/// O(log n) per value, O(1) per query; storage grows with the count (amortised, no per-value allocation
/// once capacity is reserved).
struct RunningMedian: Sendable, Hashable {
    private var lower: [Double] = []  // max-heap
    private var upper: [Double] = []  // min-heap

    init(reservingCapacity capacity: Int = 0) {
        lower.reserveCapacity(capacity / 2 + 1)
        upper.reserveCapacity(capacity / 2 + 1)
    }

    var count: Int { lower.count + upper.count }

    mutating func add(_ x: Double) {
        if let top = lower.first, x > top {
            Self.push(&upper, x, max: false)
        } else {
            Self.push(&lower, x, max: true)
        }
        if lower.count > upper.count + 1 {
            Self.push(&upper, Self.pop(&lower, max: true), max: false)
        } else if upper.count > lower.count {
            Self.push(&lower, Self.pop(&upper, max: false), max: true)
        }
    }

    /// The median (mean of the two middle values for an even count), `nil` when empty.
    var median: Double? {
        guard let low = lower.first else { return nil }
        if lower.count > upper.count { return low }
        return (low + upper[0]) / 2
    }

    mutating func removeAll() {
        lower.removeAll(keepingCapacity: true)
        upper.removeAll(keepingCapacity: true)
    }

    private static func before(_ a: Double, _ b: Double, max: Bool) -> Bool { max ? a > b : a < b }

    private static func push(_ heap: inout [Double], _ x: Double, max: Bool) {
        heap.append(x)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[child], heap[parent], max: max) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private static func pop(_ heap: inout [Double], max: Bool) -> Double {
        let top = heap[0]
        let last = heap.removeLast()
        if heap.isEmpty { return top }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < heap.count, before(heap[left], heap[best], max: max) { best = left }
            if right < heap.count, before(heap[right], heap[best], max: max) { best = right }
            if best == parent { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return top
    }
}
