/// The x axis of an entry's candle chart, the one formula the page's script also uses (`chartX` in
/// ``ReportScript``), so that tests can compute where the page draws a time.
///
/// The chart spans `[entry − span, entry + span/20]` seconds over the plot area
/// `[left, width − right]` pixels: `x(t) = left + (t − t0) · plotWidth / (t1 − t0)`.
package struct ChartGeometry: Hashable, Sendable {
    /// SVG width of the chart, pixels.
    package static let width = 900.0
    /// Left margin (price labels), pixels.
    package static let left = 56.0
    /// Right margin, pixels.
    package static let right = 16.0
    /// Width of the plot area.
    package static var plotWidth: Double { width - left - right }

    /// First second shown (seconds since New York midnight of the entry's day).
    package var start: Double
    /// Last second shown.
    package var end: Double

    /// The axis of an entry at `entry` seconds with a lookback of `span` seconds: `span/20` of room is
    /// left after the entry so its line is not on the border.
    package init(entry: Double, span: Double) {
        start = entry - span
        end = entry + span / 20
    }

    /// The x of second `t`, pixels.
    package func x(_ t: Double) -> Double {
        Self.left + (t - start) * Self.plotWidth / (end - start)
    }
}
