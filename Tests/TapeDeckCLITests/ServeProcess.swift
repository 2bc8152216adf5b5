import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A `tapedeck sim serve --port 0` child process on loopback, for tests that need the real binary: its
/// memory is its own, and a crash shows as a dead process.
final class ServeProcess: @unchecked Sendable {
    let process: Process
    let port: Int
    /// What the server printed until its first line (the line naming its URL) was complete.
    let firstOutput: String
    private let output: Pipe

    private init(process: Process, port: Int, firstOutput: String, output: Pipe) {
        self.process = process
        self.port = port
        self.firstOutput = firstOutput
        self.output = output
    }

    /// The first line the server printed: `serving Polygon's API … at http://127.0.0.1:PORT`.
    var firstLine: String { firstOutput.split(separator: "\n").first.map(String.init) ?? "" }

    /// Everything the server prints after ``firstOutput``, until it exits.
    func remainingOutput() -> String {
        String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Starts the server (`command`: `sim serve`, or its other name `serve`) with extra `arguments` and
    /// waits for the line naming its URL; `port` 0 picks a free one.
    static func start(_ arguments: [String] = [], command: [String] = ["sim", "serve"], port: Int = 0) throws -> ServeProcess {
        let process = Process()
        process.executableURL = try CommandRunner.executable
        process.arguments = command + ["--port", String(port)] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var text = ""
        let handle = output.fileHandleForReading
        while !text.contains("\n") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        guard let url = line.split(separator: " ").last, let colon = url.lastIndex(of: ":"),
            let port = Int(url[url.index(after: colon)...])
        else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "sim serve printed \(text)"])
        }
        return ServeProcess(process: process, port: port, firstOutput: text, output: output)
    }

    /// The process's peak resident memory (`VmHWM`), in bytes, where /proc has it.
    var peakResidentBytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
        return kilobytes.map { $0 * 1024 }
    }

    /// Stops the server (SIGTERM) and waits for it.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
    }
}
