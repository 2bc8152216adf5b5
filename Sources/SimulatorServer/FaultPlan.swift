import MarketData

/// Deterministic fault injection: which requests fail, and how, is a pure function of the seed, the
/// canonical request and how many times that request was seen before — never of arrival order or time —
/// so a run with concurrent clients and retries faults the same requests every time, and a retry of a
/// faulted request is decided afresh.
///
/// Spelled on the command line as `--faults 5xx=0.05,drop=0.05,truncate=0.02,delay=0.1:250ms,seed=7`.
public struct FaultPlan: Sendable, Hashable {
    public var seed: UInt64 = 0
    /// Share of requests answered with a 500 and Polygon's error body.
    public var serverErrorRate = 0.0
    /// Share of requests whose connection is closed before any byte of the response.
    public var dropRate = 0.0
    /// Share of requests whose body is cut in half (the declared length stays whole).
    public var truncateRate = 0.0
    /// Share of requests delayed by `delayMilliseconds` before answering.
    public var delayRate = 0.0
    public var delayMilliseconds = 200

    public init() {}

    /// Parses the command-line form; an unknown key or a rate outside 0...1 is an error naming it.
    public init(parsing text: String) throws(ServerConfigurationError) {
        self.init()
        for part in text.split(separator: ",") where !part.isEmpty {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { throw .init("fault '\(part)' is not key=value (e.g. 5xx=0.05)") }
            let (key, value) = (pair[0], pair[1])
            func rate() throws(ServerConfigurationError) -> Double {
                guard let rate = Double(value.split(separator: ":")[0]), (0...1).contains(rate) else {
                    throw .init("fault rate '\(value)' for \(key) must be a number from 0 to 1")
                }
                return rate
            }
            switch key {
            case "5xx": serverErrorRate = try rate()
            case "drop": dropRate = try rate()
            case "truncate": truncateRate = try rate()
            case "delay":
                delayRate = try rate()
                if let duration = value.split(separator: ":").dropFirst().first {
                    guard duration.hasSuffix("ms"), let ms = Int(duration.dropLast(2)), ms >= 0 else {
                        throw .init("fault delay '\(duration)' must be milliseconds such as 250ms")
                    }
                    delayMilliseconds = ms
                }
            case "seed":
                guard let seed = UInt64(value) else { throw .init("fault seed '\(value)' must be a non-negative integer") }
                self.seed = seed
            default:
                throw .init("unknown fault '\(key)'; use 5xx, drop, truncate, delay or seed")
            }
        }
    }

    /// Whether any fault is enabled.
    public var isActive: Bool { serverErrorRate > 0 || dropRate > 0 || truncateRate > 0 || delayRate > 0 }

    /// What to do with the `attempt`-th sighting (0-based) of a canonical request.
    func faults(request: String, attempt: Int) -> Faults {
        var state = seed ^ StableHash.fnv1a64(request) ^ (UInt64(attempt) &* 0x9E37_79B9_7F4A_7C15)
        func draw() -> Double {
            state = StableHash.splitMix64(&state)
            return Double(state >> 11) / Double(1 << 53)
        }
        var faults = Faults()
        faults.delay = draw() < delayRate
        let roll = draw()
        if roll < serverErrorRate {
            faults.failure = .serverError
        } else if roll < serverErrorRate + dropRate {
            faults.failure = .drop
        } else if roll < serverErrorRate + dropRate + truncateRate {
            faults.failure = .truncate
        }
        return faults
    }

    struct Faults {
        enum Failure { case serverError, drop, truncate }
        var delay = false
        var failure: Failure?
    }
}

/// A configuration the user got wrong, named in one line.
public struct ServerConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
