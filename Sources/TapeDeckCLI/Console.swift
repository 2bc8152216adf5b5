import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the command line writes: standard output, checked on every write, and standard error, for
/// progress and warnings.
///
/// Output is written with `write(2)` and nothing is buffered in between, so a failure (a full disk, as
/// `> /dev/full` shows) is seen at the write that fails and becomes a one-line ``TapeDeckError`` and a
/// non-zero exit — never a trap (`FileHandle.write(_:)` traps on an error) nor a silent exit 0 with
/// nothing written (`print` buffers and drops errors at exit). Standard error is best effort: when it
/// fails there is nowhere left to say so.
enum Console {
    /// Writes `text` to standard output, all of it, or throws naming the reason.
    static func write(_ text: String) throws(TapeDeckError) {
        try write(bytes: Array(text.utf8))
    }

    /// Writes `text` and a newline to standard output.
    static func line(_ text: String) throws(TapeDeckError) {
        try write(text + "\n")
    }

    /// Writes raw bytes to standard output.
    static func write(bytes: [UInt8]) throws(TapeDeckError) {
        let code = writeAll(bytes, to: STDOUT_FILENO)
        guard code == 0 else {
            throw TapeDeckError(
                .outputFailed,
                "cannot write to standard output: \(String(cString: strerror(code))) (errno \(code)); free space where it goes or redirect it elsewhere"
            )
        }
    }

    /// Writes `text` to standard error, ignoring failures.
    static func note(_ text: String) {
        _ = writeAll(Array(text.utf8), to: STDERR_FILENO)
    }

    /// Writes `text` to the file at `path`, replacing it (or after its end, `appending`), or throws a
    /// one-line error naming the file.
    static func write(_ text: String, toFile path: String, appending: Bool = false) throws(TapeDeckError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | (appending ? O_APPEND : O_TRUNC), 0o644)
        guard descriptor >= 0 else { throw fileFailure(path, errno) }
        let code = writeAll(Array(text.utf8), to: descriptor)
        guard code == 0 else {
            _ = close(descriptor)
            throw fileFailure(path, code)
        }
        guard close(descriptor) == 0 else { throw fileFailure(path, errno) }
    }

    private static func fileFailure(_ path: String, _ code: Int32) -> TapeDeckError {
        TapeDeckError(
            .outputFailed,
            "cannot write \(JSONText.quoted(path)): \(String(cString: strerror(code))) (errno \(code)); check that its folder exists, is writable and has space"
        )
    }

    /// Writes every byte to `descriptor`, retrying interrupted and partial writes; returns 0, or the
    /// `errno` of the write that failed.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

extension TapeDeckError.Code {
    /// Output that could not be written: standard output or an `--out` file (full disk, closed stream).
    static let outputFailed = Self(rawValue: "outputFailed")
}
