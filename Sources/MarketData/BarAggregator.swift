/// Combines 1-minute bars into larger timeframes, the one aggregation the server and the backtest share.
///
/// - 5, 15, 30-minute and 1-hour bars are aligned to the New York wall clock (09:30, 09:35, …; hours at
///   09:00, 10:00, … like Polygon). New York's offset is a whole number of hours, so this is the same as
///   aligning to multiples of the timeframe since the epoch.
/// - Daily bars cover the regular session only (09:30 to the close, 13:00 on early closes) and start at
///   New York midnight, as Polygon's daily aggregates do (`t` = 05:00Z or 04:00Z).
/// - open is the first minute's open, close the last one's close, high/low the extremes, volume and
///   transactions the sums (transactions `nil` if any minute lacks it), vwap the volume-weighted mean of
///   the minutes' vwaps (`nil` if any minute with volume lacks one). Minutes without a bar are skipped,
///   never invented, and a bucket with no minute yields no bar.
public enum BarAggregator {
    /// Aggregates 1-minute bars sorted by start into `timeframe` bars sorted by start.
    public static func aggregate(_ minutes: [Bar], to timeframe: Timeframe, calendar: SessionCalendar = .nyse) -> [Bar] {
        if timeframe == .minute1 { return minutes }
        var bars: [Bar] = []
        var current: Accumulator?
        for minute in minutes {
            guard let bucket = bucketStart(of: minute.start, timeframe: timeframe, calendar: calendar) else { continue }
            if current?.start != bucket {
                if let bar = current?.bar { bars.append(bar) }
                current = Accumulator(start: bucket, timeframe: timeframe)
            }
            current!.add(minute)
        }
        if let bar = current?.bar { bars.append(bar) }
        return bars
    }

    /// The start of the `timeframe` bucket holding a minute that starts at `instant`, or `nil` when the minute
    /// belongs to no bucket (outside the regular session, for daily bars).
    public static func bucketStart(of instant: Timestamp, timeframe: Timeframe, calendar: SessionCalendar = .nyse)
        -> Timestamp?
    {
        if let duration = timeframe.duration {
            return Timestamp(nanoseconds: Timestamp.floorDivide(instant.nanoseconds, duration) * duration)
        }
        let date = NewYorkTime.date(of: instant)
        guard let sessions = try? calendar.sessions(on: date), sessions.regular.contains(instant) else { return nil }
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
        var count = 0

        init(start: Timestamp, timeframe: Timeframe) {
            self.start = start
            self.timeframe = timeframe
        }

        mutating func add(_ minute: Bar) {
            if count == 0 { open = minute.open }
            count += 1
            high = max(high, minute.high)
            low = min(low, minute.low)
            close = minute.close
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
