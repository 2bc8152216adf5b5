import MarketData

/// Joins the outputs of `tapedeck backtest --shard K/N` for K = 1…N into exactly the output the whole run
/// writes: rows go back into the signals file's order, because each shard keeps that order for its own
/// entries and ``Shard`` says which shard each entry went to.
public enum ShardMerger {
    /// Merges canonical JSON-lines or CSV outputs, given in shard order (`outputs[0]` is shard 1/N).
    ///
    /// - Throws: ``TapeDeckError/Code/shardMismatch`` naming the output when formats or CSV columns differ,
    ///   when an output is a table, or when an output's rows do not match the entries the signals file
    ///   gives its shard (a different signals file, a missing or extra shard, an edited output).
    public static func merge(_ outputs: [(name: String, text: String)], signals: [Signal]) throws(TapeDeckError) -> String {
        guard !outputs.isEmpty else { throw mismatch("no shard outputs given; pass the N outputs of --shard 1/N … N/N in order") }
        var header: String?
        var headerSource = ""
        var shards: [(name: String, rows: ArraySlice<Substring>)] = []
        for (name, text) in outputs {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            let isCSV = lines.first?.hasPrefix("id,symbol,entry_time") == true
            if let first = lines.first, !isCSV, !first.hasPrefix("{") {
                throw mismatch("\(name) is not a json or csv backtest output; run the shards with --format json or --format csv")
            }
            // An empty JSON output (a shard without entries) fits either format.
            let thisHeader = isCSV ? String(lines[0]) : nil
            if !lines.isEmpty {
                if let header, header != (thisHeader ?? "json") {
                    throw mismatch("\(name) has other columns or another format than \(headerSource); run every shard with the same --adapters and --format")
                }
                header = thisHeader ?? "json"
                headerSource = name
            }
            shards.append((name, lines.dropFirst(isCSV ? 1 : 0)))
        }
        let isCSV = header != nil && header != "json"
        var merged = isCSV ? header! + "\n" : ""
        for signal in signals {
            let index = Shard.index(of: signal, count: outputs.count) - 1
            guard let row = shards[index].rows.popFirst() else {
                throw mismatch(
                    "\(shards[index].name) ends before \(signal.location) (\(signal.symbol) at \(signal.entry.newYorkISO8601)); it is not shard \(index + 1)/\(outputs.count) of these signals — re-run that shard"
                )
            }
            let matches =
                isCSV
                ? row.contains(",\(signal.symbol.rawValue),\(signal.entry.newYorkISO8601),")
                    || row.hasSuffix(",\(signal.symbol.rawValue),\(signal.entry.newYorkISO8601)")
                : row.contains("\"entry_time\":\"\(signal.entry.newYorkISO8601)\"") && row.contains("\"symbol\":\"\(signal.symbol.rawValue)\"")
            guard matches else {
                throw mismatch(
                    "\(shards[index].name) has a row for another entry where \(signal.location) (\(signal.symbol) at \(signal.entry.newYorkISO8601)) belongs; merge outputs of the same signals file, in shard order"
                )
            }
            merged += row + "\n"
        }
        if let extra = shards.first(where: { !$0.rows.isEmpty }) {
            throw mismatch(
                "\(extra.name) has \(extra.rows.count) more rows than the signals file gives its shard; merge outputs of the same signals file, in shard order")
        }
        return merged
    }

    private static func mismatch(_ message: String) -> TapeDeckError {
        TapeDeckError(.shardMismatch, message)
    }
}
