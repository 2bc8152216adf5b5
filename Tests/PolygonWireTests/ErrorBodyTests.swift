import MarketData
import PolygonWire
import Testing

/// Error bodies have the two shapes observed from Polygon: `ERROR` with `error`, `NOT_AUTHORIZED` with
/// `message` (polygon-api.md §5).
struct ErrorBodyTests {
    static let missingKey = #"{"status":"ERROR","request_id":"xxxxxxxxxxxxxxxxxx","error":"API Key was not provided"}"#
    static let notAuthorized =
        #"{"status":"NOT_AUTHORIZED","request_id":"1e2a4e1c68224da666232d16699b7fd7","message":"Your plan doesn't include this data timeframe. Please upgrade your plan at https://polygon.io/pricing"}"#

    @Test func encodesErrorShape() {
        let body = ErrorBody.error("API Key was not provided", requestID: "xxxxxxxxxxxxxxxxxx")
        #expect(text(WireEncoder.errorBody(body)) == Self.missingKey)
    }

    @Test func encodesNotAuthorizedShape() {
        let body = ErrorBody.notAuthorized(
            "Your plan doesn't include this data timeframe. Please upgrade your plan at https://polygon.io/pricing",
            requestID: "1e2a4e1c68224da666232d16699b7fd7"
        )
        #expect(text(WireEncoder.errorBody(body)) == Self.notAuthorized)
    }

    @Test func decodesObservedBodies() throws {
        let error = try WireDecoder.errorBody(bytes(Self.missingKey))
        #expect(error == ErrorBody(status: "ERROR", requestID: "xxxxxxxxxxxxxxxxxx", error: "API Key was not provided"))
        #expect(error.text == "API Key was not provided")
        let denied = try WireDecoder.errorBody(bytes(Self.notAuthorized))
        #expect(denied.status == "NOT_AUTHORIZED")
        #expect(denied.requestID == "1e2a4e1c68224da666232d16699b7fd7")
        #expect(denied.error == nil)
        #expect(denied.message?.hasPrefix("Your plan doesn't include") == true)
    }

    /// A page decoder given an error body reports it through the page's metadata rather than failing.
    @Test func pageDecoderSeesErrorFields() throws {
        let page = try WireDecoder.tradesPage(bytes(Self.missingKey))
        #expect(page.results.isEmpty)
        #expect(page.status == "ERROR")
        #expect(page.error == "API Key was not provided")
    }

    @Test func errorBodyWithoutStatusIsMalformed() {
        let error = #expect(throws: TapeDeckError.self) {
            try WireDecoder.errorBody(bytes(#"{"error":"x"}"#))
        }
        #expect(error?.code == .malformedJSON)
    }
}
