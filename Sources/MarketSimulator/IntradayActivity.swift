/// The U-shaped intraday activity curve and the quieter extended hours, as multipliers of a profile's
/// regular-session mean rates.
///
/// Regular session, at fraction `x` ∈ [0, 1] of its length: `(0.6 + 6·(x − 0.5)²) / 1.1`, whose mean is 1 —
/// about 1.9 at the bell, 0.55 at midday; the first and last hour average ≈ 1.53. Pre-market: 0.8% of the
/// regular mean until 07:00, 2% until 08:00, 4% until the open. Post-market: 12% in the first 15 minutes
/// after the close, 5% until 45 minutes after it, 1.5% afterwards. Price volatility per minute scales
/// with the square root of activity in the regular session and is 30% of the midday level outside it.
enum IntradayActivity {
    /// The activity multiplier of minute `index` of the day (minute 0 starts at 04:00).
    static func multiplier(minute index: Int, regularStart: Int, regularEnd: Int) -> Double {
        if index < regularStart {
            let minutesSinceFour = index
            if minutesSinceFour < 180 { return 0.008 }
            if minutesSinceFour < 240 { return 0.02 }
            return 0.04
        }
        if index < regularEnd {
            let x = (Double(index - regularStart) + 0.5) / Double(regularEnd - regularStart)
            return (0.6 + 6 * (x - 0.5) * (x - 0.5)) / 1.1
        }
        let sinceClose = index - regularEnd
        if sinceClose < 15 { return 0.12 }
        if sinceClose < 45 { return 0.05 }
        return 0.015
    }

    /// The volatility multiplier of a minute with the given activity.
    static func volatility(activity: Double, isRegular: Bool) -> Double {
        isRegular ? activity.squareRoot() : 0.3 * (0.55).squareRoot()
    }
}
