import MarketData

/// The names an adapter declares, checked before any run: a name that cannot be told apart from another
/// adapter's, or outputs that would give two columns one name, are errors naming the adapter, never a
/// table with ambiguous columns.
public enum AdapterContract {
    /// Throws ``TapeDeckError/Code/invalidAdapter`` for the first of `adapters` whose name is empty, holds
    /// a character of the column and list syntax (`,` `.` whitespace), or repeats an earlier adapter's;
    /// or whose outputs are none, empty, hold such a character, or repeat.
    public static func check(_ adapters: [any BacktestAdapter]) throws(TapeDeckError) {
        var seen: Set<String> = []
        for adapter in adapters {
            let name = adapter.name
            if let problem = problem(with: name) { throw .invalidAdapter(name, "its name \(problem)") }
            guard seen.insert(name).inserted else { throw .invalidAdapter(name, "two adapters have this name") }
            guard !adapter.outputs.isEmpty else { throw .invalidAdapter(name, "it declares no outputs") }
            var outputs: Set<String> = []
            for output in adapter.outputs {
                if let problem = problem(with: output) { throw .invalidAdapter(name, "output \(JSONText.quoted(output)) \(problem)") }
                guard outputs.insert(output).inserted else {
                    throw .invalidAdapter(name, "output \(JSONText.quoted(output)) is declared twice")
                }
            }
        }
    }

    /// What is wrong with `name` as an adapter or output name, or `nil`.
    private static func problem(with name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.unicodeScalars.contains(where: { $0 == "," || $0 == "." || $0.properties.isWhitespace }) {
            return "holds a comma, a dot or whitespace (columns are Adapter.output, lists are comma-separated)"
        }
        return nil
    }
}
