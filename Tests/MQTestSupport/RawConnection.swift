import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection to a local server, for what an HTTP client library hides: what the server
/// answers to a request it refuses half-way, whether it then ends the connection, and whether it serves
/// a connection at all.
///
/// It waits for the server by polling and sleeping, never in a blocking read: a cooperative thread
/// blocked here would be one fewer to run the server under test, and every other test beside it.
public final class RawConnection: Sendable {
    /// A request any server answers without a database.
    public static let liveness = Array("GET /health/live/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)

    private let socket: Int32
    private let closed = Atomic<Bool>(false)

    public init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(socket)
            throw POSIXError(.ECONNREFUSED)
        }
        var patience = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &patience, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close()
    }

    /// Sends as much of `bytes` as the server takes; a server that stops reading ends the sending.
    public func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Whether the server starts answering within `limit`.
    public func answers(within limit: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while !isReadable() {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// What the server has sent, once it sends something (within a minute): the head of a response,
    /// for answers small enough to arrive at once.
    public func response() async throws -> String {
        guard try await answers(within: .seconds(60)) else { throw POSIXError(.ETIMEDOUT) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        guard count > 0 else { throw POSIXError(.ECONNRESET) }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// Everything the server sends until it ends the connection, and whether it did end it (rather
    /// than leave the client waiting until the 60-second safety limit).
    public func readToEnd() async throws -> (text: String, ended: Bool) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while try await answers(within: .seconds(60)) {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if count < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                return (String(decoding: received, as: UTF8.self), errno == ECONNRESET)
            }
            received += buffer[0..<count]
        }
        return (String(decoding: received, as: UTF8.self), false)
    }

    /// Ends the connection from this side.
    public func close() {
        if !closed.exchange(true, ordering: .relaxed) { Glibc.close(socket) }
    }

    private func isReadable() -> Bool {
        var watched = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&watched, 1, 0) > 0
    }
}
