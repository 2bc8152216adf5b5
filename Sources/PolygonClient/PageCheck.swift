import MarketData
import PolygonWire

/// What every page must satisfy before any of its records is used, checked as the records come off the
/// wire: each record inside the window its request asked for, prices finite and not negative, sizes and
/// volumes from 0 to ``maximumQuantity``. A page that fails is an error naming the request and the
/// record; the fetch throws, so nothing of the chunk is stored or marked covered, and a re-run asks again.
///
/// Records outside the window are an error rather than dropped: a server that answers another window
/// (every record shifted by an hour, or one stray record per page) has lost records that belong in this
/// one, and dropping the strays hid the loss and let the window be marked covered.
enum PageCheck {
    /// The largest size or volume accepted: 2^53, beyond which a `Double` no longer holds every whole
    /// number (a size of 1e+20 shares is damage, not a trade).
    static let maximumQuantity: Double = 9_007_199_254_740_992

    /// Throws for the first record of a page (its `results`) that breaks a rule; `window` is the window
    /// the request asked for (`nil` to check values only), `url` the request without credentials.
    static func check<Record: CheckedRecord>(_ records: [Record], url: String, window: TimeWindow?)
        throws(TapeDeckError)
    {
        for (index, record) in records.enumerated() {
            if let problem = record.problem {
                throw TapeDeckError.invalidRecord(url, index: index, problem)
            }
            if let window, !window.contains(record.tapeTime) {
                throw TapeDeckError.recordOutsideWindow(url, index: index, window: window, record.placeInTape)
            }
        }
    }

    /// The rule a price breaks, if any.
    static func priceProblem(_ name: String, _ value: Double) -> String? {
        value.isFinite && value >= 0 ? nil : "\"\(name)\" is \(value); a price is a finite number of at least 0"
    }

    /// The rule a size or volume breaks, if any.
    static func quantityProblem(_ name: String, _ value: Double) -> String? {
        (0...maximumQuantity).contains(value)
            ? nil : "\"\(name)\" is \(value); a size or volume is a number from 0 to 2^53 (9007199254740992)"
    }
}

/// A record the client checks before using it: bars, trades and quotes.
protocol CheckedRecord: TapeOrdered {
    /// The first field that breaks a rule of ``PageCheck``, described, or `nil`.
    var problem: String? { get }
    /// `trade at 2024-03-15T14:30:00Z, sequence 1234`, to name the record in a message.
    var placeInTape: String { get }
}

extension Trade: CheckedRecord {
    var problem: String? {
        PageCheck.priceProblem("price", price) ?? PageCheck.quantityProblem("size", size)
    }

    var placeInTape: String { "trade at \(sipTimestamp), sequence \(sequenceNumber)" }
}

extension Quote: CheckedRecord {
    var problem: String? {
        PageCheck.priceProblem("bid_price", bidPrice) ?? PageCheck.priceProblem("ask_price", askPrice)
            ?? PageCheck.quantityProblem("bid_size", bidSize) ?? PageCheck.quantityProblem("ask_size", askSize)
    }

    var placeInTape: String { "quote at \(sipTimestamp), sequence \(sequenceNumber)" }
}

extension Bar: CheckedRecord {
    var problem: String? {
        for (name, value) in [("o", open), ("h", high), ("l", low), ("c", close)] {
            if let problem = PageCheck.priceProblem(name, value) { return problem }
        }
        if let vwap, let problem = PageCheck.priceProblem("vw", vwap) { return problem }
        if let transactions, transactions < 0 { return "\"n\" is \(transactions); a count of trades is at least 0" }
        return PageCheck.quantityProblem("v", volume)
    }

    var placeInTape: String { "bar starting \(start)" }
}
