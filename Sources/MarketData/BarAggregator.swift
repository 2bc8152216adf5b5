/// Combines 1-minute bars into larger timeframes, the one aggregation the server and the backtest share.
///
/// - 5, 15, 30-minute and 1-hour bars are aligned to the New York wall clock (09:30, 09:35, …; hours at
///   09:00, 10:00, … like Polygon). New York's offset is a whole number of hours, so this is the same as
///   aligning to multiples of the timeframe since the epoch.
/// - open is the first minute's open, close the last one's close, high/low the extremes, volume and
///   transactions the sums (transactions `nil` if any minute lacks it), vwap the volume-weighted mean of
///   the minutes' vwaps (`nil` if any minute with volume lacks one). Minutes without a bar are skipped,
///   never invented, and a bucket with no minute yields no bar.
/// - Daily bars start at New York midnight, as Polygon's daily aggregates do (`t` = 05:00Z or 04:00Z),
///   and end at the post-market close. Their open, high, low and close come from the regular session's
///   minutes only (09:30 to the close, 13:00 on early closes): a daily bar never takes a price from an
///   extended-hours (Form T) trade (Massive's knowledge base, "Does a Form T trade update a pre-market
///   minute bar's high, low, open and close?"). Their volume, transactions and vwap count every minute of
///   the day from 04:00 to the post-market close: Form T's `updates_volume` is true in the conditions
///   table, and Massive's knowledge base ("Why is the stocks snapshot's day bar zero before the open…")
///   says the day's volume includes the pre-market shares while its prices do not. A day without a
///   regular-session minute has no daily bar.
public enum BarAggregator {
    /// Aggregates 1-minute bars sorted by start into `timeframe` bars sorted by start.
    public static func aggregate(_ minutes: [Bar], to timeframe: Timeframe, calendar: SessionCalendar = .nyse) -> [Bar] {
        if timeframe == .minute1 { return minutes }
        var bars: [Bar] = []
        var current: Accumulator?
        var day: (date: LocalDate, sessions: TradingSessions?)?
        for minute in minutes {
            var setsPrices = true
            let bucket: Timestamp
            if let duration = timeframe.duration {
                bucket = minute.start.rounded(downToMultipleOf: duration)
            } else {
                let date = NewYorkTime.date(of: minute.start)
                if day?.date != date { day = (date, try? calendar.sessions(on: date)) }
                guard let sessions = day?.sessions, sessions.extended.contains(minute.start) else { continue }
                setsPrices = sessions.regular.contains(minute.start)
                bucket = NewYorkTime.instant(date, hour: 0, minute: 0)
            }
            if current?.start != bucket {
                if let bar = current?.bar { bars.append(bar) }
                current = Accumulator(start: bucket, timeframe: timeframe)
            }
            current!.add(minute, setsPrices: setsPrices)
        }
        if let bar = current?.bar { bars.append(bar) }
        return bars
    }

    /// The start of the `timeframe` bucket holding a minute that starts at `instant`, or `nil` when the minute
    /// belongs to no bucket (outside 04:00 to the post-market close, for daily bars).
    public static func bucketStart(of instant: Timestamp, timeframe: Timeframe, calendar: SessionCalendar = .nyse)
        -> Timestamp?
    {
        if let duration = timeframe.duration {
            return instant.rounded(downToMultipleOf: duration)
        }
        let date = NewYorkTime.date(of: instant)
        guard let sessions = try? calendar.sessions(on: date), sessions.extended.contains(instant) else { return nil }
        return NewYorkTime.instant(date, hour: 0, minute: 0)
    }

    private struct Accumulator {
        let start: Timestamp
        let timeframe: Timeframe
        var open = 0.0
        var high = -Double.infinity
        var low = Double.infinity
        var close = 0.0
        var volume = 0.0
        var notional = 0.0
        var vwapComplete = true
        var transactions: Int? = 0
        /// Minutes that set prices.
        var count = 0

        init(start: Timestamp, timeframe: Timeframe) {
            self.start = start
            self.timeframe = timeframe
        }

        /// Adds the next minute; its prices count only when `setsPrices` (a daily bar's regular session).
        mutating func add(_ minute: Bar, setsPrices: Bool) {
            if setsPrices {
                if count == 0 { open = minute.open }
                count += 1
                high = max(high, minute.high)
                low = min(low, minute.low)
                close = minute.close
            }
            volume += minute.volume
            if let vwap = minute.vwap {
                notional += vwap * minute.volume
            } else if minute.volume != 0 {
                vwapComplete = false
            }
            if let n = minute.transactions, let sum = transactions { transactions = sum + n } else { transactions = nil }
        }

        var bar: Bar? {
            guard count > 0 else { return nil }
            return Bar(
                start: start, timeframe: timeframe, open: open, high: high, low: low, close: close, volume: volume,
                vwap: vwapComplete && volume > 0 ? notional / volume : nil, transactions: transactions
            )
        }
    }
}
