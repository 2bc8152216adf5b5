import Backtest
import MarketData

extension AuditReport {
    /// A table adapter × check with PASS/FAIL/INCONCLUSIVE, then one line per failing (adapter, check) with
    /// its first differing value, one per inconclusive one with what was missing, and the future horizons.
    public var table: String {
        let header = ["adapter"] + checks.map(\.rawValue)
        var rows = [header]
        for adapter in adapters {
            rows.append([adapter] + checks.map { outcome(adapter, $0).status.rawValue })
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (r, row) in rows.enumerated() {
            var line = row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - cell.count) }
                .joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
            if r == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        out += "\n"
        let failures = self.failures
        for failure in failures {
            guard case .audit(let check, let adapter) = failure.origin else { continue }
            let outcome = outcome(adapter, check)
            out += "FAIL \(adapter) \(check) (\(outcome.failed) of \(outcome.examined)): \(failure)\n"
        }
        for adapter in adapters {
            for check in inconclusiveChecks(adapter) {
                let outcome = outcome(adapter, check)
                out += "INCONCLUSIVE \(adapter) \(check) (\(outcome.inconclusive) of \(outcome.examined)): \(outcome.firstInconclusive ?? "")\n"
            }
        }
        if passed { out += "all \(adapters.count) adapters passed \(checks.count) checks over \(entries) entries\n" }
        if let horizons = horizonSummary { out += horizons + "\n" }
        if !comparisons.isEmpty { out += "determinism compared: " + comparisons.joined(separator: "; ") + "\n" }
        for note in notes { out += "note: \(note)\n" }
        return out
    }

    /// The report as one canonical JSON object (sorted keys, `\n` at the end), for machines.
    public var json: String {
        func string(_ text: String) -> String { JSONText.quoted(text) }
        func object(_ fields: [(String, String)]) -> String {
            "{"
                + fields.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
                .map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
        }
        let adapterObjects = adapters.map { adapter in
            let checkObjects = checks.map { check -> (String, String) in
                let outcome = outcome(adapter, check)
                var fields: [(String, String)] = [
                    ("status", string(outcome.status.rawValue)), ("examined", String(outcome.examined)),
                    ("failed", String(outcome.failed)), ("inconclusive", String(outcome.inconclusive)),
                ]
                if let reason = outcome.firstInconclusive { fields.append(("first_inconclusive", string(reason))) }
                if let failure = outcome.firstFailure {
                    fields.append(
                        (
                            "first_failure",
                            object([
                                ("entry", string(failure.entry)), ("column", string(failure.column)),
                                ("expected", string(failure.expected)), ("actual", string(failure.actual)),
                                ("detail", string(failure.detail)),
                            ])
                        ))
                }
                return (check.rawValue, object(fields))
            }
            return object([
                ("adapter", string(adapter)), ("checks", object(checkObjects)),
                ("digest", digests[adapter].map(string) ?? "null"),
                ("passed", checks.allSatisfy { outcome(adapter, $0).passed } ? "true" : "false"),
            ])
        }
        return object([
            ("adapters", "[" + adapterObjects.joined(separator: ",") + "]"),
            ("checks", "[" + checks.map { string($0.rawValue) }.joined(separator: ",") + "]"),
            ("comparisons", "[" + comparisons.map(string).joined(separator: ",") + "]"),
            ("conclusive", isConclusive ? "true" : "false"),
            ("entries", String(entries)),
            ("future_horizons_ns", "[" + futureHorizons.map(String.init).joined(separator: ",") + "]"),
            ("notes", "[" + notes.map(string).joined(separator: ",") + "]"),
            ("passed", passed ? "true" : "false"),
        ]) + "\n"
    }

    /// One line on how much future the future checks had: the least and the entries with none.
    var horizonSummary: String? {
        guard let least = futureHorizons.min() else { return nil }
        let minutes = { (ns: Int64) -> String in
            let tenths = (ns / 1_000_000 + 3_000) / 6_000  // nearest tenth of a minute, from milliseconds
            return "\(tenths / 10).\(tenths % 10)"
        }
        let none = futureHorizons.filter { $0 == 0 }.count
        var line = "future horizon: at least \(minutes(least)) min past every entry (most \(minutes(futureHorizons.max() ?? 0)) min)"
        if none > 0 { line += "; \(none) of \(futureHorizons.count) entries have no recorded future" }
        return line
    }
}
