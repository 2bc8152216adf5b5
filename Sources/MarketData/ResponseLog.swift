import Synchronization

/// One HTTP response as received, for the archive's record of truth.
public struct RawResponse: Hashable, Sendable {
    /// The canonical request: method-less path and query, parameters sorted, credentials removed.
    public var request: String
    /// HTTP status code.
    public var status: Int
    /// The body exactly as received (after transfer decoding).
    public var body: [UInt8]

    public init(request: String, status: Int, body: [UInt8]) {
        self.request = request
        self.status = status
        self.body = body
    }
}

/// Collects the raw responses a source receives while serving one call, so that a recorder can store
/// them with the records they produced, in one transaction.
///
/// A network source appends every response it uses to ``ResponseLog/current`` when one is set; the
/// recorder sets it with `ResponseLog.$current.withValue(log) { … }` around a fetch. Task-local values
/// flow into child tasks, so concurrent chunk requests land in the right log.
public final class ResponseLog: Sendable {
    /// The log of the fetch in progress, if anyone is recording it.
    @TaskLocal public static var current: ResponseLog?

    private let storage = Mutex<[RawResponse]>([])

    public init() {}

    public func append(_ response: RawResponse) {
        storage.withLock { $0.append(response) }
    }

    /// The responses so far, in the order they were appended.
    public var responses: [RawResponse] { storage.withLock { $0 } }
}
