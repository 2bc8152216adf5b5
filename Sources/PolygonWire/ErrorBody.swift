/// Polygon's body for a failed request: `{"status":"ERROR","request_id":…,"error":…}`, or for a plan or
/// key problem `{"status":"NOT_AUTHORIZED","request_id":…,"message":…}` — note the different text key.
public struct ErrorBody: Hashable, Sendable {
    /// `ERROR`, `NOT_AUTHORIZED`, or whatever the server sent.
    public var status: String
    public var requestID: String?
    /// The text of an `ERROR` body.
    public var error: String?
    /// The text of a `NOT_AUTHORIZED` body.
    public var message: String?

    public init(status: String, requestID: String?, error: String? = nil, message: String? = nil) {
        self.status = status
        self.requestID = requestID
        self.error = error
        self.message = message
    }

    /// `{"status":"ERROR","request_id":…,"error":text}`, e.g. for a missing key or a bad parameter.
    public static func error(_ text: String, requestID: String) -> Self {
        Self(status: "ERROR", requestID: requestID, error: text)
    }

    /// `{"status":"NOT_AUTHORIZED","request_id":…,"message":text}`, e.g. for data outside the plan.
    public static func notAuthorized(_ text: String, requestID: String) -> Self {
        Self(status: "NOT_AUTHORIZED", requestID: requestID, message: text)
    }

    /// Whichever text the body carries, `error` first.
    public var text: String? { error ?? message }
}
