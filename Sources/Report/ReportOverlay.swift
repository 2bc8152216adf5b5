/// Which adapter outputs are price levels the candle chart draws, and how: moving averages, VWAPs,
/// Bollinger bands and session levels, each as a line over its adapter's window ending at the entry.
public enum ReportOverlay {
    /// The overlay style of output column `column` (`Adapter.output`), or `nil` if it is not a price.
    public static func style(of column: String) -> String? {
        switch column {
        case "M1EMA.ema", "M1EMA20.ema", "M5EMA.ema", "M15EMA.ema", "SMA20.sma": "ma"
        case "SessionVWAP.vwap", "TradeVWAP.vwap": "vwap"
        case "Bollinger.upper", "Bollinger.middle", "Bollinger.lower": "bb"
        case "OpeningRange.or15_high", "OpeningRange.or15_low", "OpeningRange.or30_high", "OpeningRange.or30_low",
            "PriorSession.prior_high", "PriorSession.prior_low", "PriorSession.prior_close":
            "level"
        default: nil
        }
    }
}
