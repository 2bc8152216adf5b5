/// Builds one consolidated bar from trades under ``TradeConditionTable`` — the single rule that the
/// simulator's minute aggregates and any bar rebuilt from trades share, so the two always agree.
///
/// - eligibility is the table's rule for the trade's session: on a pre-market or after-hours minute a
///   Form T trade sets prices (Massive's rule, see ``TradeConditionTable``), in regular hours it does not;
/// - volume and `n` count the trades whose conditions update volume; `vwap` is Σ price·size / Σ size over
///   those trades (`nil` when their volume is zero);
/// - open and close are the first and last trades (in feed order) whose conditions update open/close;
/// - high and low range over the trades that update high/low or open/close, so open and close always lie
///   inside [low, high];
/// - a bar exists only if some trade may set its open/close: a minute of odd lots or Form T prints alone
///   has no price a consolidated bar could show, and yields no bar.
public struct BarBuilder: Sendable {
    public let start: Timestamp
    public let timeframe: Timeframe
    private var open: Double?
    private var close = 0.0
    private var high = -Double.infinity
    private var low = Double.infinity
    private var volume = 0.0
    private var notional = 0.0
    private var transactions = 0

    public init(start: Timestamp, timeframe: Timeframe = .minute1) {
        self.start = start
        self.timeframe = timeframe
    }

    /// Adds the next trade of the bar, in feed order, under `table`'s rule for `session`.
    public mutating func add(_ trade: Trade, session: BarSession, table: TradeConditionTable = .builtIn) {
        add(price: trade.price, size: trade.size, eligibility: table.eligibility(of: trade.conditions ?? [], in: session))
    }

    /// Adds the next trade given its price, size and eligibility.
    public mutating func add(price: Double, size: Double, eligibility: BarEligibility) {
        if eligibility.updatesVolume {
            volume += size
            notional += price * size
            transactions += 1
        }
        if eligibility.updatesOpenClose {
            if open == nil { open = price }
            close = price
        }
        if eligibility.updatesHighLow || eligibility.updatesOpenClose {
            high = max(high, price)
            low = min(low, price)
        }
    }

    /// The bar, or `nil` if no trade could set its open/close.
    public var bar: Bar? {
        guard let open else { return nil }
        return Bar(
            start: start, timeframe: timeframe, open: open, high: high, low: low, close: close, volume: volume,
            vwap: volume > 0 ? notional / volume : nil, transactions: transactions
        )
    }

    /// The bars of consecutive `timeframe` buckets (fixed-length timeframes only) over trades sorted by
    /// SIP time; buckets are aligned to multiples of the timeframe since the epoch, which for minutes up
    /// to 30 is also New York wall-clock alignment. Each trade counts under the rule of its own session.
    public static func bars(
        from trades: some Sequence<Trade>, timeframe: Timeframe = .minute1, table: TradeConditionTable = .builtIn,
        calendar: SessionCalendar = .nyse
    ) -> [Bar] {
        guard let duration = timeframe.duration else { preconditionFailure("daily bars are not built from trades") }
        var bars: [Bar] = []
        var builder: BarBuilder?
        var day: (date: LocalDate, regular: TimeWindow?)?
        for trade in trades {
            let bucket = trade.sipTimestamp.rounded(downToMultipleOf: duration)
            if builder?.start != bucket {
                if let bar = builder?.bar { bars.append(bar) }
                builder = BarBuilder(start: bucket, timeframe: timeframe)
            }
            let date = NewYorkTime.date(of: trade.sipTimestamp)
            if day?.date != date { day = (date, try? calendar.sessions(on: date).regular) }
            let session: BarSession = day?.regular?.contains(trade.sipTimestamp) == true ? .regular : .extended
            builder!.add(trade, session: session, table: table)
        }
        if let bar = builder?.bar { bars.append(bar) }
        return bars
    }
}
