/// Removes credentials from a request string before it is stored.
///
/// The live client already logs requests without credentials; this is a second line of defence so
/// that an API key can never reach an archive: query parameters named like a key (`apiKey`,
/// `api_key`, `apikey`, `key`, `token`, `access_token`, any case) are dropped.
package enum CanonicalRequest {
    static let secretNames: Set<String> = ["apikey", "api_key", "key", "token", "access_token"]

    package static func redacted(_ request: String) -> String {
        guard let question = request.firstIndex(of: "?") else { return request }
        let path = request[..<question]
        let query = request[request.index(after: question)...]
        let kept = query.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return !secretNames.contains(name.lowercased())
        }
        return kept.isEmpty ? String(path) : path + "?" + kept.joined(separator: "&")
    }
}
