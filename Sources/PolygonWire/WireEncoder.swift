import MarketData

/// Byte-stable encoders of Polygon's JSON pages, used by the simulator server.
///
/// The same records and metadata always give the same bytes. Key order, number spelling and which
/// fields are left off are documented in the module's DocC article (`PolygonWire.md`).
public enum WireEncoder {
    /// A `/v2/aggs` page: `{"ticker","queryCount","resultsCount","adjusted","results","status",
    /// "request_id","count","next_url"}`. With no bars, `results` is left off and both counts are 0, as
    /// Polygon answers a range without data. `t` is the bar start in whole milliseconds.
    /// - Parameters:
    ///   - queryCount: base aggregates queried; defaults to the number of bars (true for 1-minute bars).
    @inlinable
    public static func aggsPage(
        _ bars: some Collection<Bar>, ticker: String, adjusted: Bool = true, queryCount: Int? = nil,
        requestID: String, nextURL: String? = nil
    ) -> [UInt8] {
        let metadata = PageMetadata(requestID: requestID, nextURL: nextURL, ticker: ticker, adjusted: adjusted)
        if let bytes = bars.withContiguousStorageIfAvailable({ encodeAggs($0, queryCount: queryCount, metadata) }) {
            return bytes
        }
        return Array(bars).withUnsafeBufferPointer { encodeAggs($0, queryCount: queryCount, metadata) }
    }

    /// A `/v3/trades` page: `{"results":[…],"status":"OK","request_id":…,"next_url":…}`; `results` is
    /// present even when empty, and `next_url` only when given.
    @inlinable
    public static func tradesPage(_ trades: some Collection<Trade>, requestID: String, nextURL: String? = nil) -> [UInt8] {
        let metadata = PageMetadata(requestID: requestID, nextURL: nextURL)
        if let bytes = trades.withContiguousStorageIfAvailable({ encodeTrades($0, metadata) }) {
            return bytes
        }
        return Array(trades).withUnsafeBufferPointer { encodeTrades($0, metadata) }
    }

    /// A `/v3/quotes` page, shaped like ``tradesPage(_:requestID:nextURL:)``.
    @inlinable
    public static func quotesPage(_ quotes: some Collection<Quote>, requestID: String, nextURL: String? = nil) -> [UInt8] {
        let metadata = PageMetadata(requestID: requestID, nextURL: nextURL)
        if let bytes = quotes.withContiguousStorageIfAvailable({ encodeQuotes($0, metadata) }) {
            return bytes
        }
        return Array(quotes).withUnsafeBufferPointer { encodeQuotes($0, metadata) }
    }

    /// An error body, `{"status":…,"request_id":…,"error":…}` or with `"message"` (see ``ErrorBody``).
    public static func errorBody(_ body: ErrorBody) -> [UInt8] {
        let bound =
            WireSize.pageFixed + WireSize.string(body.status) + WireSize.string(body.requestID)
            + WireSize.string(body.error) + WireSize.string(body.message)
        return write(bound: bound) { writer in
            writer.raw("{\"status\":")
            writer.string(body.status)
            if let requestID = body.requestID {
                writer.raw(",\"request_id\":")
                writer.string(requestID)
            }
            if let error = body.error {
                writer.raw(",\"error\":")
                writer.string(error)
            }
            if let message = body.message {
                writer.raw(",\"message\":")
                writer.string(message)
            }
            writer.byte(UInt8(ascii: "}"))
        }
    }

    /// Page fields other than the records, bundled so the inlinable entry points stay small.
    @usableFromInline
    struct PageMetadata {
        var requestID: String
        var nextURL: String?
        var ticker: String = ""
        var adjusted: Bool = true

        @usableFromInline
        init(requestID: String, nextURL: String?, ticker: String = "", adjusted: Bool = true) {
            self.requestID = requestID
            self.nextURL = nextURL
            self.ticker = ticker
            self.adjusted = adjusted
        }

        var bound: Int {
            WireSize.pageFixed + WireSize.string(requestID) + WireSize.string(nextURL) + WireSize.string(ticker)
        }
    }

    @usableFromInline
    static func encodeTrades(_ trades: UnsafeBufferPointer<Trade>, _ metadata: PageMetadata) -> [UInt8] {
        var bound = metadata.bound
        for trade in trades { bound += WireSize.trade(trade) }
        return write(bound: bound) { writer in
            writer.raw("{\"results\":[")
            for index in trades.indices {
                if index != 0 { writer.byte(UInt8(ascii: ",")) }
                writer.trade(trades[index])
            }
            writer.byte(UInt8(ascii: "]"))
            writer.v3Tail(metadata)
        }
    }

    @usableFromInline
    static func encodeQuotes(_ quotes: UnsafeBufferPointer<Quote>, _ metadata: PageMetadata) -> [UInt8] {
        var bound = metadata.bound
        for quote in quotes { bound += WireSize.quote(quote) }
        return write(bound: bound) { writer in
            writer.raw("{\"results\":[")
            for index in quotes.indices {
                if index != 0 { writer.byte(UInt8(ascii: ",")) }
                writer.quote(quotes[index])
            }
            writer.byte(UInt8(ascii: "]"))
            writer.v3Tail(metadata)
        }
    }

    @usableFromInline
    static func encodeAggs(_ bars: UnsafeBufferPointer<Bar>, queryCount: Int?, _ metadata: PageMetadata) -> [UInt8] {
        let bound = metadata.bound + bars.count * WireSize.barFixed
        return write(bound: bound) { writer in
            writer.raw("{\"ticker\":")
            writer.string(metadata.ticker)
            writer.raw(",\"queryCount\":")
            writer.int(queryCount ?? bars.count)
            writer.raw(",\"resultsCount\":")
            writer.int(bars.count)
            writer.raw(",\"adjusted\":")
            writer.bool(metadata.adjusted)
            if !bars.isEmpty {
                writer.raw(",\"results\":[")
                for index in bars.indices {
                    if index != 0 { writer.byte(UInt8(ascii: ",")) }
                    writer.bar(bars[index])
                }
                writer.byte(UInt8(ascii: "]"))
            }
            writer.raw(",\"status\":\"OK\",\"request_id\":")
            writer.string(metadata.requestID)
            writer.raw(",\"count\":")
            writer.int(bars.count)
            if let nextURL = metadata.nextURL {
                writer.raw(",\"next_url\":")
                writer.string(nextURL)
            }
            writer.byte(UInt8(ascii: "}"))
        }
    }

    /// Allocates `bound` bytes once, lets `body` write, and keeps what it wrote.
    static func write(bound: Int, _ body: (inout ByteWriter) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            let start = buffer.baseAddress!
            var writer = ByteWriter(start)
            body(&writer)
            count = writer.cursor - start
            precondition(count <= bound, "PolygonWire size bound too small: wrote \(count) of \(bound) bytes")
        }
    }
}

extension ByteWriter {
    /// `,"status":"OK","request_id":…[,"next_url":…]}` closing a v3 page.
    fileprivate mutating func v3Tail(_ metadata: WireEncoder.PageMetadata) {
        raw(",\"status\":\"OK\",\"request_id\":")
        string(metadata.requestID)
        if let nextURL = metadata.nextURL {
            raw(",\"next_url\":")
            string(nextURL)
        }
        byte(UInt8(ascii: "}"))
    }
}
