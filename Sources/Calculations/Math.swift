#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Natural logarithm (the C library's, so results match other languages bit for bit).
@inline(__always)
func naturalLog(_ x: Double) -> Double { log(x) }
