import MarketData
import Synchronization

/// A read outside a view through the back door (``TapeView/rawAccess(recordingTo:)``).
public struct LookAheadViolation: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// A row not yet visible at the frontier: look-ahead.
        case pastFrontier
        /// A row before the declared lookback: the adapter's window is not honest.
        case beforeWindow
    }

    /// Who read (adapter name).
    public var reader: String
    public var kind: Kind
    /// The entry time of the view.
    public var frontier: Timestamp
    /// When the row read becomes visible (SIP time; a bar's end).
    public var rowTime: Timestamp

    public var description: String {
        switch kind {
        case .pastFrontier: "\(reader) read a row visible at \(rowTime), at or after its entry time \(frontier)"
        case .beforeWindow: "\(reader) read a row at \(rowTime), before its declared lookback (entry \(frontier))"
        }
    }
}

/// Collects violations from any number of tasks; thread-safe.
public final class ViolationRecorder: Sendable {
    private let storage = Mutex<[LookAheadViolation]>([])

    public init() {}

    /// Adds one violation.
    public func record(_ violation: LookAheadViolation) {
        storage.withLock { $0.append(violation) }
    }

    /// Everything recorded so far, sorted (frontier, reader, row time, kind) so that reports do not depend
    /// on thread scheduling.
    public var violations: [LookAheadViolation] {
        storage.withLock { $0 }.sorted {
            ($0.frontier, $0.reader, $0.rowTime, $0.kind.rawValue) < ($1.frontier, $1.reader, $1.rowTime, $1.kind.rawValue)
        }
    }
}
