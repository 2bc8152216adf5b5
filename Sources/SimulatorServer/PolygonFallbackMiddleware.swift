import HTTPTypes
import Hummingbird

/// Answers what no endpoint answers — another method than GET, a path no route matches (`/`,
/// `/v3/trades/`), an error an endpoint did not turn into Polygon's body — with Polygon's JSON error body,
/// never an empty one: 405 (with `Allow: GET`), 404 `NOT_FOUND`, or 500.
///
/// The router runs it around every route and around its not-found responder.
struct PolygonFallbackMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    /// Polygon's error response for `error` and the request it answers.
    let render: @Sendable (PolygonError, Request) async -> Response

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get else {
            var response = await render(.methodNotAllowed(request.method.rawValue), request)
            response.headers[.allow] = "GET"
            return response
        }
        do {
            return try await next(request, context)
        } catch let error as DroppedConnection {
            // A `drop` fault: the connection is already closed and must stay without an answer.
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPError where error.status == .notFound {
            return await render(.notFound, request)
        } catch {
            return await render(.internalError("Internal server error: \(String(describing: error).prefix(200))"), request)
        }
    }
}

/// Thrown after a `drop` fault has closed the connection, so that nothing answers the request.
struct DroppedConnection: Error {}
