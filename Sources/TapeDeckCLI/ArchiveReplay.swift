import Foundation
import SimulatorServer
import TapeArchive

/// The responses recorded in archives, by request: `sim serve --archive` answers a request the recorder
/// sent with the bytes it received (next_url pointed at this server), and builds any other page from the
/// archive's records.
package struct ArchiveReplay: RecordedResponses {
    private let archives: [Archive]
    /// Canonical request → (archive index, response row id); a request recorded twice keeps its last row.
    private let index: [String: (archive: Int, id: Int64)]

    package init(_ archives: [Archive]) throws {
        var index: [String: (archive: Int, id: Int64)] = [:]
        for (position, archive) in archives.enumerated() {
            for (id, request) in try archive.recordedRequests() {
                index[Self.canonical(request)] = (position, id)
            }
        }
        self.archives = archives
        self.index = index
    }

    /// Requests that have a recorded response.
    package var count: Int { index.count }

    package func body(for request: String) async throws -> [UInt8]? {
        guard let (position, id) = index[request], let row = try archives[position].response(id: id) else { return nil }
        return try archives[position].body(of: row)
    }

    /// A recorded request string (`/path?b=2&a=1`, as the recorder sent it) in the server's canonical form.
    package static func canonical(_ request: String) -> String {
        let parts = request.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [String: Substring] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let field = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(field[0]).removingPercentEncoding ?? String(field[0])
                let value = field.count == 2 ? (String(field[1]).removingPercentEncoding ?? String(field[1])) : ""
                query[name] = Substring(value)
            }
        }
        return SimulatorServer.canonicalRequest(path: String(parts[0]), query: query)
    }
}
