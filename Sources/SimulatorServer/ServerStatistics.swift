/// What the server saw: requests by endpoint, the most requests it held at once, and how many times each
/// canonical request arrived (which also drives deterministic fault injection). Tests read it to prove
/// that a client stays within its concurrency bound and re-fetches only what is missing.
public actor ServerStatistics {
    /// Requests answered, by endpoint kind (`aggs`, `trades`, `quotes`, `conditions`, `other`).
    public private(set) var requests: [String: Int] = [:]
    /// Responses by HTTP status code.
    public private(set) var statuses: [Int: Int] = [:]
    /// Requests in progress now.
    public private(set) var inFlight = 0
    /// The most requests ever in progress at once.
    public private(set) var maxInFlight = 0
    /// The canonical requests (path and sorted query, without the key) in arrival order: every one, or
    /// at least the last ``logLimit`` of a long-running server, so a flood cannot exhaust its memory.
    public private(set) var requestLog: [String] = []
    private var sightings: [String: Int] = [:]

    /// Entries of ``requestLog`` always kept.
    public static let logLimit = 100_000

    public init() {}

    /// Total requests received.
    public var totalRequests: Int { requests.values.reduce(0, +) }

    /// Counts a request and returns how often this canonical request came before. Only fault injection
    /// needs that number, so sightings are remembered only when `countSightings` (faults are on).
    package func begin(kind: String, canonical: String, countSightings: Bool) -> Int {
        requests[kind, default: 0] += 1
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
        if requestLog.count >= 2 * Self.logLimit { requestLog.removeFirst(Self.logLimit) }
        requestLog.append(canonical)
        guard countSightings else { return 0 }
        let attempt = sightings[canonical, default: 0]
        sightings[canonical] = attempt + 1
        return attempt
    }

    func end(status: Int) {
        inFlight -= 1
        statuses[status, default: 0] += 1
    }

    /// Forgets everything seen so far.
    public func reset() {
        requests = [:]
        statuses = [:]
        maxInFlight = inFlight
        sightings = [:]
        requestLog = []
    }
}
