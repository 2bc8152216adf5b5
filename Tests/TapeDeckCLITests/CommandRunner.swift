import Foundation
import Testing

/// Runs the built `tapedeck` executable the way a user would, capturing its output.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root (this file lives in Tests/TapeDeckCLITests/).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `tapedeck` binary next to the test bundle in the build folder.
    static var executable: URL {
        get throws {
            let candidates = [
                URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent(),
                URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                Bundle.main.bundleURL.deletingLastPathComponent(),
            ]
            for directory in candidates {
                let url = directory.appendingPathComponent("tapedeck")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "tapedeck next to the test bundle"])
        }
    }

    /// Runs `tapedeck arguments…` in the package root with a clean environment; `launcher` (a program
    /// and its arguments, such as `setpriv --reuid=…`) runs it when given. The wait is ``offThePool(_:)``.
    static func run(_ arguments: [String], environment: [String: String] = [:], launcher: [String] = []) async throws -> Result {
        let command = launcher + [try executable.path] + arguments
        return try await run(program: command[0], Array(command.dropFirst()), environment: environment)
    }

    /// Runs `program arguments…` (a script, a tool) in the package root, `environment` added to this
    /// process's. The wait is ``offThePool(_:)``.
    static func run(program: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await offThePool { try runWaiting(program: program, arguments, environment: environment) }
    }

    private static func runWaiting(program: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are read before waiting, standard error on a thread of its own, so a large output on
        // either cannot fill its pipe and stall the child.
        let stderrRead = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var stderr = Data()
        Thread {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            stderrRead.signal()
        }
        .start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        stderrRead.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    /// A README command and the exit status its comment promises (`# exits N`, else 0).
    struct ReadmeCommand: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expectedStatus: Int32
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// The `swift run tapedeck …` commands of the README's shell blocks.
    static func readmeCommands() throws -> [ReadmeCommand] {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var commands: [ReadmeCommand] = []
        var inShell = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inShell = !inShell && line.hasPrefix("```sh")
                continue
            }
            guard inShell else { continue }
            let parts = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let words = parts[0].split(separator: " ").map(String.init)
            guard words.starts(with: ["swift", "run", "tapedeck"]) else { continue }
            var status: Int32 = 0
            if parts.count > 1, let range = parts[1].range(of: "exits ") {
                status = Int32(parts[1][range.upperBound...].prefix { $0.isNumber }) ?? 0
            }
            commands.append(ReadmeCommand(arguments: Array(words.dropFirst(3)), expectedStatus: status))
        }
        return commands
    }
}

/// Runs blocking work, such as waiting for a child process, on a thread of its own: on the task pool it
/// would hold one of its few threads (two on this machine), and two waiting tests stop every other test
/// in the process until their children exit.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
