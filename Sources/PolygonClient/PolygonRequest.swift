/// One GET request to Polygon: a path and query parameters, never credentials.
///
/// Its ``canonical`` form — path, then the parameters sorted by name and value — is what error messages
/// show, what the archive stores, and what is appended to the base URL, so the three always agree.
package struct PolygonRequest: Sendable, Hashable {
    /// `/v3/trades/SPY`.
    package var path: String
    /// Name-value pairs, already URL-safe (numbers, dates, cursors, `true`/`false`).
    var query: [Parameter]

    struct Parameter: Sendable, Hashable {
        var name: String
        var value: String
    }

    package init(path: String, query: KeyValuePairs<String, String>) {
        self.path = path
        self.query = query.map { Parameter(name: $0.key, value: $0.value) }
    }

    /// The request of a `next_url`, keeping only its path and query as client-python does: the client's
    /// own base URL is used, and any `apiKey` parameter is dropped.
    package init(nextURL: String) {
        var rest = Substring(nextURL)
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            rest = rest[rest.index(colon, offsetBy: 3)...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        rest = rest.prefix { $0 != "#" }
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts[0])
        query = []
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(nameValue[0])
                guard name.lowercased() != "apikey" else { continue }
                query.append(Parameter(name: name, value: nameValue.count > 1 ? String(nameValue[1]) : ""))
            }
        }
    }

    /// Path and sorted query: `/v3/trades/SPY?limit=50000&order=asc&sort=timestamp&timestamp.gte=…`.
    package var canonical: String {
        guard !query.isEmpty else { return path }
        let sorted = query.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
        return path + "?" + sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }
}
