import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` on a file, held while an archive is created and migrated, so two processes
/// opening the same new archive at once take turns. (`flock` locks are separate from the POSIX locks
/// SQLite uses, so this never interferes with SQLite's own locking.) Creates the file, empty, if missing.
struct FileLock {
    private let descriptor: Int32

    init(_ path: String) throws(TapeDeckError) {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .archiveUnavailable(path, String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .archiveUnavailable(path, "cannot lock it: \(reason)")
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
