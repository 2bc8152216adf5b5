import AsyncHTTPClient
import Logging
import MarketData
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import PolygonWire
import Synchronization

/// Sends one ``PolygonRequest`` until it succeeds or fails for good: gate (concurrency), token bucket
/// (rate), the HTTP exchange, then the retry decision.
///
/// Retried: 429, 408, 499, 5xx, timeouts, dropped connections and bodies shorter than their
/// `Content-Length` (or gzip streams cut short). Not retried: 400, 401, 403, 404 and other statuses,
/// bodies over ``PolygonClient/Configuration/maxBodyBytes``, gzip bodies that inflate past
/// ``PolygonClient/maximumGzipRatio`` or do not inflate, which become typed errors.
/// Cancellation is never retried and surfaces as `CancellationError`.
struct RequestExecutor: Sendable {
    let configuration: PolygonClient.Configuration
    let httpClient: HTTPClient
    let gate: RequestGate
    let bucket: TokenBucket

    /// A 200 response: its body and the request it answered.
    struct Reply: Sendable {
        var request: PolygonRequest
        var body: ByteBuffer
        /// `base + canonical`, the key-free URL for messages.
        var url: String
    }

    /// What went wrong with one attempt, when it may be retried.
    private struct Retryable: Error {
        var reason: String
        var retryAfter: Duration?
    }

    /// The URL of `request` without credentials (there are none in URLs), for messages and logs.
    func url(of request: PolygonRequest) -> String { configuration.baseURL + request.canonical }

    /// Performs `request`; `symbol` names the ticker in a 404 error (`nil` for reference endpoints);
    /// `budget` is the fetch's retry budget.
    func get(_ request: PolygonRequest, symbol: Symbol?, budget: RetryBudget) async throws -> Reply {
        let canonical = request.canonical
        let url = configuration.baseURL + canonical
        var attempt = 1
        while true {
            try Task.checkCancellation()
            do {
                let body = try await gate.withPermit {
                    try await bucket.acquire()
                    return try await exchange(url: url, canonical: canonical, symbol: symbol, attempt: attempt)
                }
                return Reply(request: request, body: body, url: url)
            } catch let failure as Retryable {
                if Task.isCancelled { throw CancellationError() }
                let last = configuration.apiKey.redact(failure.reason)
                guard attempt < configuration.retry.maxAttempts else {
                    configuration.logger?.error("giving up", metadata: ["request": "\(canonical)", "last": "\(last)"])
                    throw TapeDeckError.retriesExhausted(canonical, attempts: attempt, last: last, budgetSpent: false)
                }
                guard budget.spend() else {
                    configuration.logger?.error("retry budget spent", metadata: ["request": "\(canonical)", "last": "\(last)"])
                    throw TapeDeckError.retriesExhausted(canonical, attempts: attempt, last: last, budgetSpent: true)
                }
                if let retryAfter = failure.retryAfter {
                    await bucket.pause(for: min(retryAfter, configuration.retry.maxRetryAfter))
                }
                let wait = configuration.retry.delay(beforeRetry: attempt, of: canonical, retryAfter: failure.retryAfter)
                configuration.logger?.notice(
                    "retrying",
                    metadata: ["request": "\(canonical)", "attempt": "\(attempt)", "reason": "\(last)", "wait": "\(wait)"])
                try await configuration.clock.sleep(for: wait)
                attempt += 1
            }
        }
    }

    /// One HTTP exchange; returns the body of a 200, throws ``Retryable`` or a final error.
    private func exchange(url: String, canonical: String, symbol: Symbol?, attempt: Int) async throws -> ByteBuffer {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Authorization", value: "Bearer " + configuration.apiKey.secret)
        request.headers.add(name: "Accept", value: "application/json")
        // Like client-python. The HTTP client inflates the body (PolygonClient.defaultHTTPClient does, up to
        // maximumGzipRatio times its size); a client that does not is caught below by the gzip magic bytes.
        request.headers.add(name: "Accept-Encoding", value: "gzip")
        request.headers.add(name: "User-Agent", value: "TapeDeck PolygonClient")
        configuration.logger?.debug("GET", metadata: ["request": "\(canonical)", "attempt": "\(attempt)"])
        let status: Int
        let headers: HTTPHeaders
        let body: ByteBuffer
        do {
            let timeout = TimeAmount.nanoseconds(
                configuration.requestTimeout.components.seconds * 1_000_000_000
                    + configuration.requestTimeout.components.attoseconds / 1_000_000_000)
            let response = try await httpClient.execute(request, timeout: timeout)
            status = Int(response.status.code)
            headers = response.headers
            body = try await response.body.collect(upTo: configuration.maxBodyBytes)
        } catch let error as HTTPClientError
            where error == .deadlineExceeded || error == .readTimeout
            || error == .connectTimeout
        {
            throw Retryable(reason: "timed out after \(configuration.requestTimeout)")
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as NIOHTTPDecompression.DecompressionError where error == .limit {
            configuration.logger?.error("gzip body over the inflation limit", metadata: ["request": "\(canonical)"])
            throw TapeDeckError.gzipBomb(canonical, ratio: PolygonClient.maximumGzipRatio)
        } catch let error as NIOHTTPDecompression.DecompressionError {
            throw TapeDeckError.undecodableBody(canonical, "\(error)")
        } catch let error as NIOHTTPDecompression.ExtraDecompressionError where error == .truncatedData {
            // The gzip stream ended early: the same fault as a body shorter than its Content-Length.
            throw Retryable(reason: "truncated gzip body")
        } catch let error as NIOHTTPDecompression.ExtraDecompressionError {
            throw TapeDeckError.undecodableBody(canonical, "\(error)")
        } catch is NIOTooManyBytesError {
            configuration.logger?.error("body over maxBodyBytes", metadata: ["request": "\(canonical)"])
            throw TapeDeckError.responseTooLarge(canonical, limit: configuration.maxBodyBytes)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            if let error = error as? HTTPClientError, error == .cancelled { throw CancellationError() }
            throw Retryable(reason: "connection failed: \(error)")
        }
        configuration.logger?.debug("response", metadata: ["request": "\(canonical)", "status": "\(status)", "bytes": "\(body.readableBytes)"])
        switch status {
        case 200:
            // Content-Length counts the bytes on the wire, so compare only when nothing was inflated.
            if headers.first(name: "content-encoding") == nil,
                let declared = headers.first(name: "content-length").flatMap(Int.init), declared != body.readableBytes
            {
                throw Retryable(reason: "truncated body (\(body.readableBytes) of \(declared) bytes)")
            }
            // 1F 8B opens every gzip stream and no JSON text: an HTTP client that does not inflate.
            if body.readableBytesView.starts(with: [0x1F, 0x8B]) {
                throw TapeDeckError.gzipNotInflated(canonical)
            }
            return body
        case 408, 429, 499, 500...599:
            throw Retryable(reason: "HTTP \(status)", retryAfter: headers.first(name: "retry-after").flatMap(Self.retryAfter))
        default:
            let text = (try? WireDecoder.errorBody(body.readableBytesView)).flatMap(\.text)
                .map(configuration.apiKey.redact)
            configuration.logger?.error("request failed", metadata: ["request": "\(canonical)", "status": "\(status)"])
            switch status {
            case 401: throw TapeDeckError.unauthorized(canonical, text)
            case 403: throw TapeDeckError.notEntitled(canonical, text)
            case 404:
                let basePath = configuration.basePath
                if !basePath.isEmpty {
                    throw TapeDeckError.notFoundUnderBasePath(url, baseURL: configuration.baseURL, basePath: basePath)
                }
                guard let symbol else { throw TapeDeckError.requestRejected(status, canonical, text) }
                throw TapeDeckError.unknownSymbol(symbol, canonical)
            default: throw TapeDeckError.requestRejected(status, canonical, text)
            }
        }
    }

    /// `Retry-After` in seconds (the HTTP-date form is ignored: the backoff applies then).
    private static func retryAfter(_ text: String) -> Duration? {
        guard let seconds = Int(text.trimmingPrefix(" ")), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}

/// The retries one fetch call may still spend, shared by its concurrent chunk requests.
final class RetryBudget: Sendable {
    private let remaining: Mutex<Int>

    init(_ retries: Int) {
        remaining = Mutex(retries)
    }

    /// Takes one retry; `false` when none is left.
    func spend() -> Bool {
        remaining.withLock { remaining in
            guard remaining > 0 else { return false }
            remaining -= 1
            return true
        }
    }
}
