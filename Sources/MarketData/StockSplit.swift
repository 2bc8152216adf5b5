/// A stock split as Polygon describes one (`/v3/reference/splits`: `execution_date`, `split_from`,
/// `split_to`): from its execution date on, every `splitFrom` shares became `splitTo`.
///
/// Trades and quotes from `/v3` are always as traded. Aggregates with `adjusted=true` (Polygon's default)
/// are adjusted for every split up to the day of the request: bars before a split's execution date have
/// prices divided by `splitTo / splitFrom` and volumes multiplied by it, so a 10-for-1 split turns a
/// $880 bar into an $88 one. TapeDeck records bars as traded by default so that bars, trades and quotes
/// share one price scale whatever day a recording is made.
public struct StockSplit: Hashable, Sendable, CustomStringConvertible {
    /// The first trading day at the new scale (New York date).
    public var executionDate: LocalDate
    public var splitFrom: Int
    public var splitTo: Int

    public init(executionDate: LocalDate, splitFrom: Int = 1, splitTo: Int) {
        self.executionDate = executionDate
        self.splitFrom = max(1, splitFrom)
        self.splitTo = max(1, splitTo)
    }

    /// New shares per old share (10 for a 10-for-1 split, 0.1 for a 1-for-10 reverse split).
    public var ratio: Double { Double(splitTo) / Double(splitFrom) }

    /// `2024-06-10 10-for-1`.
    public var description: String { "\(executionDate) \(splitTo)-for-\(splitFrom)" }

    /// Parses `DATE:TO-FOR-FROM` or `DATE:RATIO` (`2024-06-10:10-for-1`, `2024-06-10:10`).
    public init(parsing text: String) throws(TapeDeckError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let usage = "use DATE:TO-FOR-FROM such as 2024-06-10:10-for-1 (or 2024-06-10:10)"
        guard parts.count == 2 else { throw TapeDeckError(.invalidSplit, "split \(JSONText.quoted(text)) is not DATE:RATIO; \(usage)") }
        let date = try LocalDate(parsing: parts[0])
        let numbers = parts[1].split(separator: "-for-", omittingEmptySubsequences: false)
        guard (1...2).contains(numbers.count), let to = Int(numbers[0]), to >= 1, to <= 1000,
            let from = numbers.count == 2 ? Int(numbers[1]) : 1, from >= 1, from <= 1000, to != from
        else {
            throw TapeDeckError(.invalidSplit, "split ratio \(JSONText.quoted(parts[1])) is not two different whole numbers 1-1000; \(usage)")
        }
        self.init(executionDate: date, splitFrom: from, splitTo: to)
    }

    /// `bar` adjusted for `splits` as Polygon's `adjusted=true` does, counting the splits executed on or
    /// before `asOf` (the day of the request): prices divided and volume multiplied by the product of
    /// the ratios of those executed after the bar's day.
    public static func adjusted(_ bar: Bar, for splits: [StockSplit], asOf: LocalDate) -> Bar {
        let day = NewYorkTime.date(of: bar.start)
        var factor = 1.0
        for split in splits where split.executionDate > day && split.executionDate <= asOf { factor *= split.ratio }
        guard factor != 1 else { return bar }
        var adjusted = bar
        adjusted.open = bar.open / factor
        adjusted.high = bar.high / factor
        adjusted.low = bar.low / factor
        adjusted.close = bar.close / factor
        adjusted.vwap = bar.vwap.map { $0 / factor }
        adjusted.volume = bar.volume * factor
        return adjusted
    }
}

extension TapeDeckError.Code {
    /// A split given on the command line is not `DATE:RATIO`.
    public static let invalidSplit = Self(rawValue: "invalidSplit")
}

/// A source whose 1-minute bars may be split-adjusted (Polygon's `adjusted`), unlike its trades and quotes,
/// which are always as traded. The recorder stores which kind of bars an archive holds.
public protocol SplitAdjustableBars {
    /// Whether the bars are adjusted for splits up to the day of the request.
    var barsAreSplitAdjusted: Bool { get }
}
