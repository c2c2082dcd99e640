import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A port that takes connections and never answers, as a database host does during a failover or behind
/// a partition: libpq's connect waits there until its timeout, or until the test hangs up.
final class SilentDatabase: Sendable {
    private struct Sockets {
        var listener: Int32
        var taken: [Int32] = []
    }

    let port: Int
    private let sockets: Mutex<Sockets>

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 64) == 0 && getsockname(listener, address, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        _ = fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK)
        sockets = Mutex(Sockets(listener: listener))
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { hangUp() }

    /// Connections that have arrived so far, taking any that are waiting.
    func arrivals() -> Int {
        sockets.withLock { sockets in
            while sockets.listener >= 0 {
                let connection = accept(sockets.listener, nil, nil)
                guard connection >= 0 else { break }
                sockets.taken.append(connection)
            }
            return sockets.taken.count
        }
    }

    /// Waits until `count` connections have arrived, however long a loaded machine takes.
    func waitForArrivals(_ count: Int) async throws {
        while arrivals() < count { try await Task.sleep(for: .milliseconds(10)) }
    }

    /// Closes the connections that arrived, keeping the port open: whoever waited on one sees it end.
    func dropArrivals() {
        _ = arrivals()
        sockets.withLock { sockets in
            for connection in sockets.taken { close(connection) }
            sockets.taken = []
        }
    }

    /// Closes every connection and the port itself: whoever waited on one sees it end, and any later
    /// connect is refused.
    func hangUp() {
        sockets.withLock { sockets in
            for connection in sockets.taken { close(connection) }
            sockets.taken = []
            if sockets.listener >= 0 { close(sockets.listener) }
            sockets.listener = -1
        }
    }
}
