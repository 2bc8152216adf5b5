import MarketData

/// Decoders of Polygon's JSON pages, used by the live client and by tests of the simulator server.
///
/// They accept any key order, whitespace, unknown keys (skipped) and `null` or absent optional fields.
/// Input that is not valid JSON, or a field of the wrong type, or a record without a required field, is a
/// ``TapeDeckError`` with code ``TapeDeckError/Code/malformedJSON`` giving the byte offset.
public enum WireDecoder {
    /// A `/v2/aggs` page. Polygon does not repeat the bar size in the body, so give it as `timeframe`.
    @inlinable
    public static func aggsPage(
        _ bytes: some Collection<UInt8>, timeframe: Timeframe = .minute1
    ) throws(TapeDeckError) -> Page<Bar> {
        try withBuffer(bytes) { buffer throws(TapeDeckError) in try decodeAggs(buffer, timeframe: timeframe) }
    }

    /// A `/v3/trades` page.
    @inlinable
    public static func tradesPage(_ bytes: some Collection<UInt8>) throws(TapeDeckError) -> Page<Trade> {
        try withBuffer(bytes) { buffer throws(TapeDeckError) in try decodeTrades(buffer) }
    }

    /// A `/v3/quotes` page.
    @inlinable
    public static func quotesPage(_ bytes: some Collection<UInt8>) throws(TapeDeckError) -> Page<Quote> {
        try withBuffer(bytes) { buffer throws(TapeDeckError) in try decodeQuotes(buffer) }
    }

    /// A `/v3/reference/conditions` page of sale conditions with their consolidated bar rules.
    ///
    /// Elements without `update_rules.consolidated`, or whose `data_types` lacks `"trade"`, are left out
    /// of ``Page/results`` (see the module article); `id` and `name` are required.
    @inlinable
    public static func conditionsPage(_ bytes: some Collection<UInt8>) throws(TapeDeckError) -> Page<TradeCondition> {
        try withBuffer(bytes) { buffer throws(TapeDeckError) in try decodeConditions(buffer) }
    }

    /// An error body; `status` is required, the other fields optional, unknown keys skipped.
    @inlinable
    public static func errorBody(_ bytes: some Collection<UInt8>) throws(TapeDeckError) -> ErrorBody {
        try withBuffer(bytes) { buffer throws(TapeDeckError) in try decodeErrorBody(buffer) }
    }

    @inlinable
    static func withBuffer<Result>(
        _ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws(TapeDeckError) -> Result
    ) throws(TapeDeckError) -> Result {
        var result: Swift.Result<Result, TapeDeckError>?
        _ = bytes.withContiguousStorageIfAvailable { buffer in
            result = Swift.Result { () throws(TapeDeckError) in try body(buffer) }
        }
        if result == nil {
            let copy = Array(bytes)
            result = copy.withUnsafeBufferPointer { buffer in
                Swift.Result { () throws(TapeDeckError) in try body(buffer) }
            }
        }
        return try result!.get()
    }

    @usableFromInline
    static func decodeTrades(_ bytes: UnsafeBufferPointer<UInt8>) throws(TapeDeckError) -> Page<Trade> {
        var reader = JSONReader(bytes)
        return try reader.page { reader, index throws(TapeDeckError) in try reader.trade(index: index) }
    }

    @usableFromInline
    static func decodeQuotes(_ bytes: UnsafeBufferPointer<UInt8>) throws(TapeDeckError) -> Page<Quote> {
        var reader = JSONReader(bytes)
        return try reader.page { reader, index throws(TapeDeckError) in try reader.quote(index: index) }
    }

    @usableFromInline
    static func decodeAggs(_ bytes: UnsafeBufferPointer<UInt8>, timeframe: Timeframe) throws(TapeDeckError) -> Page<Bar> {
        var reader = JSONReader(bytes)
        return try reader.page { reader, index throws(TapeDeckError) in
            try reader.bar(index: index, timeframe: timeframe)
        }
    }

    @usableFromInline
    static func decodeConditions(_ bytes: UnsafeBufferPointer<UInt8>) throws(TapeDeckError) -> Page<TradeCondition> {
        var reader = JSONReader(bytes)
        let page: Page<TradeCondition?> = try reader.page { reader, index throws(TapeDeckError) in
            try reader.condition(index: index)
        }
        return Page(
            results: page.results.compactMap { $0 }, status: page.status, requestID: page.requestID,
            nextURL: page.nextURL, count: page.count, error: page.error, message: page.message)
    }

    @usableFromInline
    static func decodeErrorBody(_ bytes: UnsafeBufferPointer<UInt8>) throws(TapeDeckError) -> ErrorBody {
        var reader = JSONReader(bytes)
        let page: Page<Never> = try reader.page(record: nil)
        guard let status = page.status else {
            throw TapeDeckError.malformedJSON(at: 0, "expected a \"status\" member in the error body")
        }
        return ErrorBody(status: status, requestID: page.requestID, error: page.error, message: page.message)
    }
}

extension JSONReader {
    /// A whole page: one top-level object whose `results` array is read by `record` (skipped when `nil`),
    /// with its metadata members, and nothing but whitespace after it.
    mutating func page<Record>(
        record: ((inout JSONReader, Int) throws(TapeDeckError) -> Record)?
    ) throws(TapeDeckError) -> Page<Record> {
        var page = Page<Record>()
        var seen: UInt32 = 0
        var others = MemberNames()
        if try beginObject("'{' starting the response object") {
            repeat {
                skipWhitespace()
                let keyOffset = offset
                let key = try key()
                if key == "results" {
                    try once(&seen, 1 << 0, "results", in: "the response object", at: keyOffset)
                    if null() {
                        page.results = []
                    } else if let record {
                        guard current == UInt8(ascii: "[") else {
                            throw typeFailure(expected: "an array", field: "results")
                        }
                        page.results = []
                        if try beginArray() {
                            repeat {
                                page.results.append(try record(&self, page.results.count))
                            } while try nextElement()
                        }
                    } else {
                        try once(key, in: &others, object: "the response object", at: keyOffset)
                        try skipValue()
                    }
                } else if key == "status" {
                    try once(&seen, 1 << 1, "status", in: "the response object", at: keyOffset)
                    page.status = try optionalString("status")
                } else if key == "request_id" {
                    try once(&seen, 1 << 2, "request_id", in: "the response object", at: keyOffset)
                    page.requestID = try optionalString("request_id")
                } else if key == "next_url" {
                    try once(&seen, 1 << 3, "next_url", in: "the response object", at: keyOffset)
                    page.nextURL = try optionalString("next_url")
                } else if key == "resultsCount" {
                    try once(&seen, 1 << 4, "resultsCount", in: "the response object", at: keyOffset)
                    page.resultsCount = try optionalInt("resultsCount")
                } else if key == "count" {
                    try once(&seen, 1 << 5, "count", in: "the response object", at: keyOffset)
                    page.count = try optionalInt("count")
                } else if key == "queryCount" {
                    try once(&seen, 1 << 6, "queryCount", in: "the response object", at: keyOffset)
                    page.queryCount = try optionalInt("queryCount")
                } else if key == "ticker" {
                    try once(&seen, 1 << 7, "ticker", in: "the response object", at: keyOffset)
                    page.ticker = try optionalString("ticker")
                } else if key == "adjusted" {
                    try once(&seen, 1 << 8, "adjusted", in: "the response object", at: keyOffset)
                    page.adjusted = null() ? nil : try bool("adjusted")
                } else if key == "error" {
                    try once(&seen, 1 << 9, "error", in: "the response object", at: keyOffset)
                    page.error = try optionalString("error")
                } else if key == "message" {
                    try once(&seen, 1 << 10, "message", in: "the response object", at: keyOffset)
                    page.message = try optionalString("message")
                } else {
                    try skipValue()
                }
            } while try nextMember()
        }
        skipWhitespace()
        guard isAtEnd else { throw failure(expected: "end of input after the response object") }
        return page
    }
}
