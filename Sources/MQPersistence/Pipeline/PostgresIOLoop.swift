import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The one thread that waits on every pipelined connection's socket at once (`poll(2)`), so PostgreSQL's
/// answers are read the moment they arrive and no request holds a thread while it waits for them.
///
/// Requests send their statements from their own threads (see ``PipelinedConnection``); this loop reads
/// answers, writes what a full socket buffer held back, and every 100 ms lets each connection fail
/// answers that are overdue.
final class PostgresIOLoop: Sendable {
    /// The process's loop, started on first use and kept for the process's life.
    static let shared = PostgresIOLoop()

    private struct Watched {
        let connection: PipelinedConnection
        var wantsWrite: Bool
    }

    private struct Table {
        var sockets: [Int32: Watched] = [:]
        /// Bumped on every change, so the loop rebuilds its `pollfd` list only when something changed.
        var version = 0
    }

    private let table = Mutex(Table())
    private let wakeReader: Int32
    private let wakeWriter: Int32

    private init() {
        var ends: [Int32] = [-1, -1]
        precondition(pipe(&ends) == 0, "the database I/O loop could not make its wake-up pipe")
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeReader = ends[0]
        wakeWriter = ends[1]
        let box = Unmanaged.passRetained(self as AnyObject).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { argument in
                let loop = Unmanaged<AnyObject>.fromOpaque(argument!).takeRetainedValue() as! PostgresIOLoop
                return loop.run()
            }, box)
        precondition(started == 0, "the database I/O thread could not start")
        pthread_detach(thread)
    }

    /// Starts reading `socket` for `connection`.
    func watch(_ socket: Int32, for connection: PipelinedConnection) {
        table.withLock {
            $0.sockets[socket] = Watched(connection: connection, wantsWrite: false)
            $0.version += 1
        }
        wake()
    }

    /// Stops watching `socket`; called before the connection closes it.
    func unwatch(_ socket: Int32, for connection: PipelinedConnection) {
        table.withLock {
            guard $0.sockets[socket]?.connection === connection else { return }
            $0.sockets[socket] = nil
            $0.version += 1
        }
        wake()
    }

    /// Waits for `socket` to take more bytes: libpq held some back because the socket's buffer was full.
    func waitUntilWritable(_ socket: Int32) {
        table.withLock {
            guard $0.sockets[socket] != nil, $0.sockets[socket]?.wantsWrite == false else { return }
            $0.sockets[socket]?.wantsWrite = true
            $0.version += 1
        }
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    private func run() -> UnsafeMutableRawPointer? {
        var descriptors: [pollfd] = []
        var owners: [PipelinedConnection] = []
        var seenVersion = -1
        var lastSweep = ContinuousClock.now
        var drain = [UInt8](repeating: 0, count: 64)
        while true {
            let (version, watched) = table.withLock { table in
                (table.version, table.version == seenVersion ? nil : table.sockets)
            }
            if let watched {
                seenVersion = version
                descriptors = [pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0)]
                owners = []
                for (socket, entry) in watched {
                    let events = Int16(POLLIN) | (entry.wantsWrite ? Int16(POLLOUT) : 0)
                    descriptors.append(pollfd(fd: socket, events: events, revents: 0))
                    owners.append(entry.connection)
                }
            }
            let ready = poll(&descriptors, nfds_t(descriptors.count), owners.isEmpty ? -1 : 100)
            if ready > 0 {
                if descriptors[0].revents != 0 {
                    while read(wakeReader, &drain, drain.count) > 0 {}
                }
                for index in 1..<descriptors.count where descriptors[index].revents != 0 {
                    let revents = Int32(descriptors[index].revents)
                    descriptors[index].revents = 0
                    let socket = descriptors[index].fd
                    let writable = revents & Int32(POLLOUT) != 0
                    if writable { clearWantsWrite(socket) }
                    owners[index - 1].socketReady(
                        socket, readable: revents & Int32(POLLIN | POLLERR | POLLHUP) != 0, writable: writable)
                }
            }
            let now = ContinuousClock.now
            if now - lastSweep >= .milliseconds(100) {
                lastSweep = now
                for owner in owners { owner.failOverdueAnswers(now: now) }
            }
        }
    }

    private func clearWantsWrite(_ socket: Int32) {
        table.withLock {
            guard $0.sockets[socket]?.wantsWrite == true else { return }
            $0.sockets[socket]?.wantsWrite = false
            $0.version += 1
        }
    }
}
