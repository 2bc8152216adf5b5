import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM as a flag that a long-running command checks, so it stops at a clean point
/// and keeps its work instead of dying between two commits. A second signal ends the process at once.
final class InterruptFlag: @unchecked Sendable {
    private let count = Mutex(0)
    // Kept alive for the flag's lifetime; set once in `init`.
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let seen = count.withLock { value in
                    value += 1
                    return value
                }
                if seen > 1 { exit(130) }
                Console.note("stopping with the next message and keeping what is complete; signal again to quit at once\n")
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a signal arrived.
    var isRaised: Bool { count.withLock { $0 > 0 } }
}
