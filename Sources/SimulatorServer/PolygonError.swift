import HTTPTypes

/// A failure the server reports with Polygon's status code and error body.
struct PolygonError: Error, Sendable {
    /// HTTP status.
    var status: HTTPResponse.Status
    /// Polygon's `status` field: `ERROR`, `NOT_AUTHORIZED` or `NOT_FOUND`.
    var polygonStatus: String
    /// The human-readable text, sent as `error` (status ERROR) or `message` (the others), as Polygon does.
    var text: String
    /// Seconds to wait, sent as `Retry-After` on 429.
    var retryAfterSeconds: Int? = nil

    static func badRequest(_ text: String) -> Self {
        Self(status: .badRequest, polygonStatus: "ERROR", text: text)
    }

    static let missingKey = Self(
        status: .unauthorized, polygonStatus: "ERROR", text: "API Key was not provided")

    static let unknownKey = Self(status: .unauthorized, polygonStatus: "ERROR", text: "Unknown API Key")

    static func rateLimited(retryAfter seconds: Int) -> Self {
        Self(
            status: .tooManyRequests, polygonStatus: "ERROR",
            text: "You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue. https://polygon.io/pricing",
            retryAfterSeconds: seconds)
    }

    static func methodNotAllowed(_ method: String) -> Self {
        Self(
            status: .methodNotAllowed, polygonStatus: "ERROR",
            text: "Method \(method.prefix(40)) is not allowed: the API answers GET requests only.")
    }

    /// A request the HTTP parser rejected; `detail` says why.
    static func malformedRequest(_ detail: String) -> Self {
        Self(
            status: .badRequest, polygonStatus: "ERROR",
            text: "Malformed HTTP request (\(detail.prefix(120))): send an HTTP/1.1 GET whose path is percent-encoded UTF-8.")
    }

    static let notFound = Self(status: .notFound, polygonStatus: "NOT_FOUND", text: "The requested resource was not found")

    /// A window the served archive did not record: Polygon's 404 body, its message naming the
    /// `tapedeck record …` command that fills the gap.
    static func notRecorded(_ text: String) -> Self {
        Self(status: .notFound, polygonStatus: "NOT_FOUND", text: text)
    }

    /// A bug in the server itself, reported rather than hidden.
    static func internalError(_ text: String) -> Self {
        Self(status: .internalServerError, polygonStatus: "ERROR", text: text)
    }

    static let injectedServerError = Self(
        status: .internalServerError, polygonStatus: "ERROR", text: "Internal server error (injected fault)")
}
