import MarketData
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TapeDeckError.Code {
    /// The simulator server could not listen on its address (port in use, not this machine's host, …).
    public static let cannotListen = Self(rawValue: "cannotListen")
    /// A feed client subscribed to a topic that is not `T|Q|AM|A.SYMBOL` (or `.*`).
    public static let invalidFeedTopic = Self(rawValue: "invalidFeedTopic")
}

extension TapeDeckError {
    /// `cannot listen on 127.0.0.1:8080: the port is already in use; …`, one line instead of a socket
    /// call's errno text.
    static func cannotListen(host: String, port: Int, _ error: any Error) -> Self {
        let address = "\(host):\(port)"
        let advice: String
        switch (error as? IOError)?.errnoCode {
        case EADDRINUSE?:
            advice = "the port is already in use; stop the program using it or pick another --port (0 picks a free one)"
        case EACCES?:
            advice = "permission denied (ports below 1024 need privileges); pick a port from 1024 up, or 0 for a free one"
        case EADDRNOTAVAIL?:
            advice = "\(host) is not an address of this machine; use --host 127.0.0.1 (or 0.0.0.0 for every interface)"
        case let code?:
            advice = "\(String(cString: strerror(code))); check --host and --port"
        case nil:
            let text = String(describing: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            advice = "\(text.prefix(200)); check --host and --port"
        }
        return Self(.cannotListen, "cannot listen on \(address): \(advice)")
    }
}
