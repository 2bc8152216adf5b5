/// What the compression plan looks at in a run of bytes.
struct ByteStatistics {
    /// Shannon entropy of the byte histogram, 0…8.
    var bitsPerByte: Double
    /// Share of the most common byte value, 0…1.
    var mostCommonShare: Double

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Four interleaved histograms, so that runs of equal bytes do not wait on one counter.
        var histograms = [Int](repeating: 0, count: 4 * 256)
        histograms.withUnsafeMutableBufferPointer { histograms in
            let counts = histograms.baseAddress!
            let quads = bytes.count / 4
            for quad in 0..<quads {
                let index = 4 * quad
                counts[Int(bytes[index])] += 1
                counts[256 + Int(bytes[index + 1])] += 1
                counts[512 + Int(bytes[index + 2])] += 1
                counts[768 + Int(bytes[index + 3])] += 1
            }
            for index in (4 * quads)..<bytes.count { counts[Int(bytes[index])] += 1 }
        }
        var counts = [Int](repeating: 0, count: 256)
        for value in 0..<256 {
            for histogram in 0..<4 { counts[value] += histograms[256 * histogram + value] }
        }
        let total = Double(bytes.count)
        var bits = 0.0
        for count in counts where count > 0 {
            let share = Double(count) / total
            bits -= share * ByteStatistics.log2(share)
        }
        bitsPerByte = bits
        mostCommonShare = Double(counts.max() ?? 0) / max(total, 1)
    }

    /// Base-2 logarithm within 2·10⁻⁶, from the series log m = 2·atanh((m − 1)/(m + 1)) on the significand:
    /// basic IEEE operations only, so the compression plan comes out the same on every platform and libm.
    static func log2(_ value: Double) -> Double {
        let mantissa = value.significand
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        let series = s * (1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9)))))
        return Double(value.exponent) + series * 2.8853900817779268  // 2 / ln 2
    }
}
