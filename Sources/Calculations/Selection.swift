/// Selection of an order statistic in place: after ``select(_:in:)``, `values[k]` is the value a sort
/// would put there, everything before it is not greater and everything after it not smaller.
///
/// Quickselect with a median-of-three pivot and a three-way partition, so runs of equal values (a spread
/// that stays at one cent) cost one pass rather than a quadratic worst case. Values must not be NaN.
enum Selection {
    static func select(_ k: Int, in values: inout [Double]) {
        precondition(values.indices.contains(k), "order statistic \(k) of \(values.count) values")
        var low = 0
        var high = values.count - 1
        while low < high {
            let pivot = medianOfThree(values[low], values[(low + high) / 2], values[high])
            // Three-way partition of low...high: [< pivot | == pivot | > pivot].
            var less = low
            var index = low
            var greater = high
            while index <= greater {
                let value = values[index]
                if value < pivot {
                    values.swapAt(less, index)
                    less += 1
                    index += 1
                } else if value > pivot {
                    values.swapAt(index, greater)
                    greater -= 1
                } else {
                    index += 1
                }
            }
            if k < less {
                high = less - 1
            } else if k > greater {
                low = greater + 1
            } else {
                return
            }
        }
    }

    private static func medianOfThree(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }
}
