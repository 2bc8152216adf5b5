import Backtest
import MarketData
import Verification

/// Turns a ``ReportDocument`` into one self-contained HTML page: inline CSS, an inline SVG coverage
/// timeline, the data as one embedded JSON object, and a small inline script that draws the entries
/// table, the audit heatmap and every entry's charts from it. The page loads nothing (no network
/// request, no font, no image file), and equal documents give identical bytes: no clock, no dictionary
/// order, numbers spelled by ``NumberText``.
public enum ReportRenderer {
    /// The whole page.
    public static func html(_ document: ReportDocument) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>TapeDeck report: \(document.entries.count) entries, \(document.adapters.count) adapters</title>\n"
        out += "<style>\n" + ReportStyle.css + "</style>\n</head>\n<body>\n"
        out += header(document)
        out += "<section id=\"coverage\"><h2>Data coverage</h2>\n" + coverage(document) + "</section>\n"
        out += "<section id=\"entries\"><h2>Entries</h2>\n"
        out += "<p class=\"hint\">Click a column heading to sort; click a row to jump to its charts.</p>\n"
        out += "<div class=\"pager\" id=\"entry-pager\"></div>\n<div class=\"scroll\"><table id=\"entry-table\"></table></div>\n</section>\n"
        if document.audit != nil {
            out += "<section id=\"audit\"><h2>Audit</h2>\n"
            out += "<p class=\"hint\">Adapter × entry: <span class=\"key pass\"></span> pass, <span class=\"key fail\"></span> fail, "
            out +=
                "<span class=\"key inconclusive\"></span> inconclusive (no check failed, but one had nothing to check: no recorded future to perturb). Click a cell for the check and the first differing value.</p>\n"
            out += "<div class=\"scroll\"><canvas id=\"heatmap\"></canvas></div>\n<pre id=\"audit-detail\">Click a cell.</pre>\n"
            out += "<ul id=\"audit-notes\">" + document.audit!.notes.map { "<li>" + HTMLText.escape($0) + "</li>" }.joined() + "</ul>\n"
            out += "</section>\n"
        }
        out += "<section id=\"panels\"><h2>Entries one by one</h2>\n"
        out += "<p class=\"hint\">Candles: 1-minute bars the entry could see, pre- and post-market shaded, the entry as a red line; "
        out += "under them each declared window (◂: it starts further back). Tape: up to the last \(document.tapeSeconds / 60) minutes "
        out += "before the entry (at most the newest 200 trades, and the quotes over their span): quotes as the bid/ask band, trades as dots sized by size "
        out += "(blue buy, orange sell, grey unclassified by Lee-Ready), and their cumulative delta.</p>\n"
        out += "<div id=\"panel-list\"></div>\n</section>\n"
        out += "<script type=\"application/json\" id=\"report-data\">" + data(document) + "</script>\n"
        out += "<script>\n" + ReportScript.javaScript + "</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: - Header

    static func header(_ document: ReportDocument) -> String {
        var out = "<header><h1>TapeDeck report</h1>\n<dl>"
        out += "<dt>source</dt><dd>" + HTMLText.escape(document.source) + "</dd>"
        out += "<dt>run digest</dt><dd><code id=\"run-digest\">" + HTMLText.escape(document.digest) + "</code></dd>"
        out += "<dt>entries</dt><dd id=\"entry-count\">\(document.entries.count)</dd>"
        out += "<dt>adapters</dt><dd>\(document.adapters.count): " + document.adapters.map { HTMLText.escape($0.name) }.joined(separator: ", ") + "</dd>"
        if let audit = document.audit {
            let passed = audit.passed.filter { $0 }.count
            out += "<dt>audit</dt><dd>\(passed) of \(audit.passed.count) adapters passed " + HTMLText.escape(audit.checks.joined(separator: ", ")) + "</dd>"
        }
        out += "</dl>\n<nav><a href=\"#coverage\">coverage</a> · <a href=\"#entries\">entries</a>"
        if document.audit != nil { out += " · <a href=\"#audit\">audit</a>" }
        out += " · <a href=\"#panels\">charts</a></nav>\n</header>\n"
        return out
    }

    // MARK: - Coverage

    /// One row per symbol-day and kind over 04:00–20:00 New York: covered windows green, holes between
    /// them red and named in the row's tooltip.
    static func coverage(_ document: ReportDocument) -> String {
        guard let rows = document.coverage, !rows.isEmpty else {
            return "<p>" + HTMLText.escape(document.coverageNote.isEmpty ? "No coverage to show for this source." : document.coverageNote) + "</p>\n"
        }
        let left = 190.0
        let width = 900.0
        let plot = width - left - 16
        let rowHeight = 16.0
        let height = Double(rows.count) * rowHeight + 24
        func x(_ seconds: Double) -> String {
            NumberText.fixed(left + max(0, min(1, (seconds - 4 * 3600) / (16 * 3600))) * plot, 2)
        }
        var out =
            "<svg class=\"coverage\" width=\"\(Int(width))\" height=\"\(NumberText.fixed(height, 0))\" viewBox=\"0 0 \(Int(width)) \(NumberText.fixed(height, 0))\" role=\"img\" aria-label=\"archive coverage\">\n"
        for hour in stride(from: 4, through: 20, by: 2) {
            let hx = x(Double(hour * 3600))
            out += "<line class=\"grid\" x1=\"\(hx)\" x2=\"\(hx)\" y1=\"0\" y2=\"\(NumberText.fixed(height - 16, 0))\"/>"
            out += "<text class=\"axis\" x=\"\(hx)\" y=\"\(NumberText.fixed(height - 4, 0))\" text-anchor=\"middle\">\(hour < 10 ? "0" : "")\(hour):00</text>\n"
        }
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight
            let date = (try? LocalDate(parsing: row.day)) ?? LocalDate(daysSinceEpoch: 0)
            let midnight = NewYorkTime.instant(date, hour: 0, minute: 0)
            func seconds(_ t: Timestamp) -> Double { Double(t.nanoseconds - midnight.nanoseconds) / 1e9 }
            let gaps = row.gaps
            let label = "\(row.symbol) \(row.day) \(row.kind)"
            out +=
                "<g class=\"cov-row\" data-gaps=\"\(gaps.count)\"><title>"
                + HTMLText.escape(
                    label + ": " + row.windows.map { clock($0.start) + "–" + clock($0.end) }.joined(separator: ", ")
                        + (gaps.isEmpty ? "" : "; gaps " + gaps.map { clock($0.start) + "–" + clock($0.end) }.joined(separator: ", "))) + "</title>"
            out +=
                "<text class=\"label\" x=\"\(NumberText.fixed(left - 6, 0))\" y=\"\(NumberText.fixed(y + 12, 0))\" text-anchor=\"end\">"
                + HTMLText.escape(label) + "</text>"
            out += "<rect class=\"session\" x=\"\(x(4 * 3600))\" y=\"\(NumberText.fixed(y + 3, 0))\" width=\"\(NumberText.fixed(plot, 2))\" height=\"10\"/>"
            for window in row.windows {
                let a = x(seconds(window.start))
                let b = x(seconds(window.end))
                out +=
                    "<rect class=\"covered\" x=\"\(a)\" y=\"\(NumberText.fixed(y + 3, 0))\" width=\"\(NumberText.fixed(max(1, (Double(b) ?? 0) - (Double(a) ?? 0)), 2))\" height=\"10\"/>"
            }
            for gap in gaps {
                let a = x(seconds(gap.start))
                let b = x(seconds(gap.end))
                out +=
                    "<rect class=\"gap\" x=\"\(a)\" y=\"\(NumberText.fixed(y + 1, 0))\" width=\"\(NumberText.fixed(max(2, (Double(b) ?? 0) - (Double(a) ?? 0)), 2))\" height=\"14\"/>"
            }
            out += "</g>\n"
        }
        out +=
            "</svg>\n<p class=\"hint\">Green: recorded; red: a gap between recorded windows; grey: the extended session (04:00–20:00 New York) not recorded.</p>\n"
        return out
    }

    /// `09:30` or `09:30:15` New York time (the date is the row's).
    static func clock(_ t: Timestamp) -> String {
        let second = NewYorkTime.wallClock(at: t).secondOfDay
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let text = two(second / 3600) + ":" + two(second / 60 % 60)
        return second % 60 == 0 ? text : text + ":" + two(second % 60)
    }

    // MARK: - Embedded data

    /// The page's data as compact JSON: arrays instead of objects for repeated records, bar prices to 4
    /// decimals and times in seconds after New York midnight; trades and quotes delta-encoded
    /// (milliseconds, and prices in 1/10,000, since the previous record; the script adds them up).
    static func data(_ document: ReportDocument) -> String {
        func str(_ text: String) -> String { HTMLText.scriptString(text) }
        func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
        func price(_ value: Double) -> String { NumberText.fixed(value, 4) }
        func value(_ value: Double?) -> String { value.map { NumberText.significant($0) } ?? "null" }
        func millis(_ day: ReportDay, _ t: Timestamp) -> Int64 { (t.nanoseconds - day.midnight.nanoseconds) / Timestamp.nanosecondsPerMillisecond }
        func ten000(_ price: Double) -> Int64 {
            let scaled = (price * 10_000).rounded()
            return scaled.isFinite && abs(scaled) < 9e15 ? Int64(scaled) : 0
        }
        func seconds(_ day: ReportDay, _ t: Timestamp) -> String { NumberText.fixed(day.seconds(t), 3) }

        var fields: [String] = []
        fields.append("\"source\":" + str(document.source))
        fields.append("\"span\":\(document.spanSeconds)")
        fields.append("\"tape\":\(document.tapeSeconds)")
        fields.append("\"geometry\":" + list([ChartGeometry.width, ChartGeometry.left, ChartGeometry.right].map { NumberText.fixed($0, 2) }))
        fields.append(
            "\"requirements\":"
                + list(
                    document.requirements.map { requirement in
                        list([str(requirement.label), requirement.minutes.map(String.init) ?? "null", requirement.sessions.map(String.init) ?? "null"])
                    }))
        fields.append(
            "\"adapters\":"
                + list(
                    document.adapters.map { adapter in
                        list([str(adapter.name), str(adapter.summary), list(adapter.outputs.map(str)), list(adapter.requirements.map(String.init))])
                    }))
        let columns = document.columns
        fields.append(
            "\"overlays\":"
                + list(
                    columns.indices.compactMap { index in
                        ReportOverlay.style(of: columns[index]).map { list([String(index), str($0)]) }
                    }))
        fields.append(
            "\"days\":"
                + list(
                    document.days.map { day in
                        let bars = day.bars.map { bar in
                            [seconds(day, bar.start), price(bar.open), price(bar.high), price(bar.low), price(bar.close), NumberText.fixed(bar.volume, 2)]
                                .joined(separator: ",")
                        }
                        // Ticks are delta-encoded: milliseconds and prices in 1/10,000 since the previous record.
                        var time: Int64 = 0
                        var last: Int64 = 0
                        let trades = day.trades.map { trade -> String in
                            let (ms, ticks) = (millis(day, trade.time), ten000(trade.price))
                            defer { (time, last) = (ms, ticks) }
                            return "\(ms - time),\(ticks - last)," + NumberText.fixed(trade.size, 2) + ",\(trade.side)"
                        }
                        time = 0
                        var (bid, ask): (Int64, Int64) = (0, 0)
                        let quotes = day.quotes.map { quote -> String in
                            let (ms, b, a) = (millis(day, quote.time), ten000(quote.bid), ten000(quote.ask))
                            defer { (time, bid, ask) = (ms, b, a) }
                            return "\(ms - time),\(b - bid),\(a - ask)"
                        }
                        let sessions = [day.sessions.preMarketOpen, day.sessions.regularOpen, day.sessions.regularClose, day.sessions.postMarketClose]
                        return "{"
                            + [
                                "\"symbol\":" + str(day.symbol), "\"date\":" + str(day.date.description),
                                "\"sessions\":" + list(sessions.map { seconds(day, $0) }),
                                "\"bars\":[" + bars.joined(separator: ",") + "]", "\"trades\":[" + trades.joined(separator: ",") + "]",
                                "\"quotes\":[" + quotes.joined(separator: ",") + "]",
                            ].joined(separator: ",") + "}"
                    }))
        fields.append(
            "\"entries\":"
                + list(
                    document.entries.map { entry in
                        let day = document.days[entry.day]
                        return list([
                            String(entry.day), seconds(day, entry.entry), entry.id.map(str) ?? "null", list(entry.values.map(value)),
                            list(entry.windowStarts.map { seconds(day, $0) }), String(entry.trades.lowerBound), String(entry.trades.upperBound),
                            String(entry.quotes.lowerBound), String(entry.quotes.upperBound),
                        ])
                    }))
        if let audit = document.audit {
            var failures: [String] = []
            let cells = audit.verdicts.map { row in
                list(
                    row.map { verdict -> String in
                        switch verdict {
                        case .pass: return "0"
                        case .inconclusive: return "1"
                        case .fail(let failure):
                            failures.append(
                                list([failure.check?.rawValue ?? "", failure.column, failure.expected, failure.actual, failure.detail, failure.entry].map(str)))
                            return String(failures.count + 1)
                        }
                    })
            }
            fields.append(
                "\"audit\":{"
                    + [
                        "\"checks\":" + list(audit.checks.map(str)), "\"cells\":" + list(cells), "\"failures\":" + list(failures),
                        "\"summaries\":" + list(audit.summaries.map(str)), "\"passed\":" + list(audit.passed.map { $0 ? "true" : "false" }),
                        "\"noFuture\":" + list(audit.withoutFuture.map { $0 ? "1" : "0" }),
                    ].joined(separator: ",") + "}")
        } else {
            fields.append("\"audit\":null")
        }
        return "{" + fields.joined(separator: ",\n") + "}"
    }
}
