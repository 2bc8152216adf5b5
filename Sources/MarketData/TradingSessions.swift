/// The sessions of one trading day as instants: pre-market, regular and post-market.
public struct TradingSessions: Hashable, Sendable {
    /// The New York calendar date.
    public let date: LocalDate
    /// 04:00 New York time.
    public let preMarketOpen: Timestamp
    /// 09:30 New York time.
    public let regularOpen: Timestamp
    /// 16:00 New York time, or 13:00 on an early-close day.
    public let regularClose: Timestamp
    /// 20:00 New York time, or 17:00 on an early-close day.
    public let postMarketClose: Timestamp
    /// Whether the regular session ends at 13:00.
    public let isEarlyClose: Bool

    init(date: LocalDate, isEarlyClose: Bool) {
        self.date = date
        self.isEarlyClose = isEarlyClose
        preMarketOpen = NewYorkTime.instant(date, hour: 4, minute: 0)
        regularOpen = NewYorkTime.instant(date, hour: 9, minute: 30)
        regularClose = NewYorkTime.instant(date, hour: isEarlyClose ? 13 : 16, minute: 0)
        postMarketClose = NewYorkTime.instant(date, hour: isEarlyClose ? 17 : 20, minute: 0)
    }

    /// [09:30, close).
    public var regular: TimeWindow { TimeWindow(uncheckedStart: regularOpen, end: regularClose) }
    /// [04:00, 09:30).
    public var preMarket: TimeWindow { TimeWindow(uncheckedStart: preMarketOpen, end: regularOpen) }
    /// [close, post-market close).
    public var postMarket: TimeWindow { TimeWindow(uncheckedStart: regularClose, end: postMarketClose) }
    /// [04:00, post-market close): everything that trades on the day.
    public var extended: TimeWindow { TimeWindow(uncheckedStart: preMarketOpen, end: postMarketClose) }
}
