import MarketData
import TapeCodec

/// Text formats of `tapedeck archive export`.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// One JSON object per line with Polygon's field names; absent optionals are left off.
    case jsonl
    /// A header line, then one row per record; absent optionals are empty, condition lists `;`-joined.
    case csv
}

/// Renders records as JSONL or CSV lines, with shortest round-trip doubles (NaN and infinities as
/// `null` in JSON, empty in CSV) and nanosecond integer timestamps.
public protocol ExportableRecord: ArchivableRecord {
    /// CSV column names.
    static var csvHeader: [String] { get }
    /// (name, value) pairs in column order; `nil` values are absent.
    var exportFields: [(String, ExportValue?)] { get }
}

/// One exported field value.
public enum ExportValue: Sendable {
    case integer(Int64)
    case number(Double)
    case text(String)
    case codes(ConditionCodes)
    case flag(Bool)

    var json: String {
        switch self {
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? ExportValue.shortest(value) : "null"
        case .text(let value): JSONText.quoted(value)
        case .codes(let codes): "[" + codes.map(String.init).joined(separator: ",") + "]"
        case .flag(let value): value ? "true" : "false"
        }
    }

    var csv: String {
        switch self {
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? ExportValue.shortest(value) : ""
        case .text(let value):
            value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
                : value
        case .codes(let codes): codes.map(String.init).joined(separator: ";")
        case .flag(let value): value ? "true" : "false"
        }
    }

    /// Swift's shortest round-trip spelling, without a trailing `.0` for integers.
    static func shortest(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

}

extension ExportableRecord {
    func line(_ format: ExportFormat) -> String {
        switch format {
        case .jsonl:
            "{" + exportFields.compactMap { name, value in value.map { "\"\(name)\":" + $0.json } }.joined(separator: ",") + "}"
        case .csv:
            exportFields.map { $0.1?.csv ?? "" }.joined(separator: ",")
        }
    }
}

extension Trade: ExportableRecord {
    public static let csvHeader = [
        "sip_timestamp", "participant_timestamp", "trf_timestamp", "price", "size", "exchange", "tape", "conditions",
        "id", "sequence_number", "correction", "trf_id",
    ]
    public var exportFields: [(String, ExportValue?)] {
        [
            ("sip_timestamp", .integer(sipTimestamp.nanoseconds)),
            ("participant_timestamp", participantTimestamp.map { .integer($0.nanoseconds) }),
            ("trf_timestamp", trfTimestamp.map { .integer($0.nanoseconds) }),
            ("price", .number(price)), ("size", .number(size)), ("exchange", .integer(Int64(exchange))),
            ("tape", tape.map { .integer(Int64($0)) }), ("conditions", conditions.map { .codes($0) }),
            ("id", .text(id.description)), ("sequence_number", .integer(sequenceNumber)),
            ("correction", correction.map { .integer(Int64($0)) }), ("trf_id", trfId.map { .integer(Int64($0)) }),
        ]
    }
}

extension Quote: ExportableRecord {
    public static let csvHeader = [
        "sip_timestamp", "participant_timestamp", "trf_timestamp", "bid_price", "bid_size", "bid_exchange",
        "ask_price", "ask_size", "ask_exchange", "conditions", "indicators", "sequence_number", "tape",
    ]
    public var exportFields: [(String, ExportValue?)] {
        [
            ("sip_timestamp", .integer(sipTimestamp.nanoseconds)),
            ("participant_timestamp", participantTimestamp.map { .integer($0.nanoseconds) }),
            ("trf_timestamp", trfTimestamp.map { .integer($0.nanoseconds) }),
            ("bid_price", .number(bidPrice)), ("bid_size", .number(bidSize)), ("bid_exchange", .integer(Int64(bidExchange))),
            ("ask_price", .number(askPrice)), ("ask_size", .number(askSize)), ("ask_exchange", .integer(Int64(askExchange))),
            ("conditions", conditions.map { .codes($0) }), ("indicators", indicators.map { .codes($0) }),
            ("sequence_number", .integer(sequenceNumber)), ("tape", tape.map { .integer(Int64($0)) }),
        ]
    }
}

extension Bar: ExportableRecord {
    public static let csvHeader = ["t", "timeframe", "o", "h", "l", "c", "v", "vw", "n", "otc"]
    public var exportFields: [(String, ExportValue?)] {
        [
            ("t", .integer(start.nanoseconds)), ("timeframe", .text(timeframe.rawValue)), ("o", .number(open)),
            ("h", .number(high)), ("l", .number(low)), ("c", .number(close)), ("v", .number(volume)),
            ("vw", vwap.map { .number($0) }), ("n", transactions.map { .integer(Int64($0)) }), ("otc", .flag(otc)),
        ]
    }
}

extension Archive {
    /// Writes every recorded record of `symbol` and `kind` as lines, segment by segment (memory stays
    /// bounded by one segment). `write` receives each line without its newline.
    public func export(
        _ symbol: Symbol, _ kind: DataKind, format: ExportFormat, write: (String) throws -> Void
    ) throws {
        switch kind {
        case .trades: try export(Trade.self, symbol, format, write)
        case .quotes: try export(Quote.self, symbol, format, write)
        case .bars: try export(Bar.self, symbol, format, write)
        }
    }

    private func export<Record: ExportableRecord>(
        _ type: Record.Type, _ symbol: Symbol, _ format: ExportFormat, _ write: (String) throws -> Void
    ) throws {
        if format == .csv { try write(Record.csvHeader.joined(separator: ",")) }
        let all = TimeWindow(uncheckedStart: Timestamp(nanoseconds: .min), end: Timestamp(nanoseconds: .max))
        for row in try segments(symbol, Record.kind, overlapping: all) {
            let records: [Record] = try decode(row)
            for record in records { try write(record.line(format)) }
        }
    }
}
