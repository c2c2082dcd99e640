import CLibPQ
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One connection in libpq's pipeline mode, shared by many requests at once.
///
/// A request's statement goes out the moment it arrives — from the request's own thread, or, when another
/// thread is using the connection, from that thread as it lets go — with a sync point of its own (so it
/// is its own implicit transaction, exactly as without a pipeline), and the request waits without holding
/// a thread. ``PostgresIOLoop`` reads the answers, which come back in the order
/// the statements went out, and hands each to its request. Statements from many requests thus share
/// round trips and socket reads, on the client and in the server.
///
/// The connection opens on first use (on a pool thread, since libpq connects blocking). When it breaks —
/// the server restarts or terminates it, or an answer is overdue — every request waiting on it fails with
/// ``PostgresError/connectionLost(_:)`` (answered 503), and the next statement opens a new one.
final class PipelinedConnection: Sendable {
    /// One statement's result, for the caller to read and free (`PQclear`).
    struct Answer: @unchecked Sendable {
        let result: OpaquePointer
    }

    /// `@unchecked`: the result it holds is touched only under the connection's lock.
    fileprivate struct Pending: @unchecked Sendable {
        let continuation: CheckedContinuation<Answer?, any Error>
        let statement: String
        let deadline: ContinuousClock.Instant?
        /// Whether the statement was prepared in the same sync: its preparation's result comes first.
        var awaitsPreparation: Bool
        var answer: OpaquePointer?
        var error: PostgresError?
        /// The server refused the preparation itself: the name must be prepared again next time.
        var preparationFailed = false
    }

    /// `@unchecked`: the handle is used only under the connection's lock.
    private struct Link: @unchecked Sendable {
        let handle: OpaquePointer
        let socket: Int32
        var prepared: Set<String> = []
        var pending: [Pending] = []
        var first = 0
    }

    private struct State {
        var link: Link?
        /// Requests waiting for the connection to open, while it opens.
        var openers: [CheckedContinuation<Void, any Error>]?
    }

    /// A failed request, resumed once the lock is released.
    private typealias Failure = (CheckedContinuation<Answer?, any Error>, PostgresError)

    /// A statement a request has filed to go out, waiting for whichever thread holds the connection next.
    private struct Outgoing: Sendable {
        let statement: Statement
        let parameters: [String?]
        let deadline: ContinuousClock.Instant?
        let retryable: Bool
        let continuation: CheckedContinuation<Answer?, any Error>
    }

    private let settings: DatabaseSettings
    private let reachability: DatabaseReachability
    private let loop: PostgresIOLoop
    private let state = Mutex(State())
    /// Statements filed and not yet sent. A request never waits for the connection's lock: it files its
    /// statement here and sends it only if the lock is free; otherwise the thread holding the lock sends it
    /// before letting go (see ``sendWaiting()``). Spinning on the lock while the loop read answers cost
    /// 7 % of the server's CPU under load.
    private let outbox = Mutex<[Outgoing]>([])
    /// Statements filed (waiting in the outbox or sent) and not yet answered.
    private let depth = Atomic<Int>(0)
    /// Mirrors `state.link != nil` (set and cleared under the lock with it), so that ``isOpen``, asked
    /// before every statement, does not take the lock the outbox exists to avoid.
    private let linked = Atomic<Bool>(false)

    /// What `pg_stat_activity` shows for pipelined connections; the pool's show `mq-server`.
    static let applicationName = "mq-server pipeline"

    init(settings: DatabaseSettings, reachability: DatabaseReachability, loop: PostgresIOLoop = .shared) {
        self.settings = settings
        self.reachability = reachability
        self.loop = loop
    }

    /// Statements filed and not yet answered.
    var inFlight: Int { depth.load(ordering: .relaxed) }

    var isOpen: Bool { linked.load(ordering: .acquiring) }

    /// Sends `statement` (preparing it first on this connection if needed) and waits for its result.
    /// The result is the statement's own: an error result becomes a thrown ``PostgresError``.
    ///
    /// An idle connection is checked before it is used, as the pool's are: one the server closed while
    /// nothing was waiting on it (a restart, `pg_terminate_backend`) is replaced before the statement goes
    /// out, so only statements already sent can fail with it.
    func send(_ statement: Statement, _ parameters: [String?], answerWithin limit: Duration?) async throws -> Answer {
        for attempt in 1...2 {
            if !isOpen { try await open() }
            let deadline = limit.map { ContinuousClock.now.advanced(by: $0) }
            let answer: Answer? = try await withCheckedThrowingContinuation { continuation in
                let outgoing = Outgoing(
                    statement: statement, parameters: parameters, deadline: deadline, retryable: attempt == 1, continuation: continuation)
                depth.add(1, ordering: .relaxed)
                outbox.withLock { $0.append(outgoing) }
                sendWaiting()
            }
            if let answer { return answer }
        }
        throw PostgresError.connectionLost("the connection closed")
    }

    /// Sends every filed statement, unless another thread holds the connection. Every holder calls this
    /// after letting go, so a statement filed while the lock was taken goes out as soon as it is free: the
    /// filer appended before its attempt failed, and the holder looks after releasing. (The loop's sweep
    /// every 100 ms also ends here, a second guarantee that nothing filed stays unsent.)
    private func sendWaiting() {
        while !outbox.withLock({ $0.isEmpty }) {
            guard let (failures, socketToWatch) = state.withLockIfAvailable({ sendOutbox(&$0) }) else { return }
            if let socketToWatch { loop.waitUntilWritable(socketToWatch) }
            for (waiter, error) in failures { waiter.resume(throwing: error) }
        }
    }

    /// Under the lock: sends what the outbox holds, in the order it was filed.
    private func sendOutbox(_ state: inout State) -> ([Failure], Int32?) {
        let filed = outbox.withLock { outgoing in
            defer { outgoing.removeAll(keepingCapacity: true) }
            return outgoing
        }
        var failures: [Failure] = []
        var socketToWatch: Int32?
        for outgoing in filed {
            let (failed, socket) = enqueue(outgoing, in: &state)
            failures += failed
            socketToWatch = socket ?? socketToWatch
        }
        return (failures, socketToWatch)
    }

    /// Sends the statement and files its request, under the lock. A request found on a connection that
    /// died while idle is answered `nil` (try again on a new one) when `retryable`.
    private func enqueue(_ outgoing: Outgoing, in state: inout State) -> ([Failure], Int32?) {
        let continuation = outgoing.continuation
        guard let link = state.link else {
            depth.subtract(1, ordering: .relaxed)
            continuation.resume(returning: nil)
            return ([], nil)
        }
        let handle = link.handle
        if link.first == link.pending.count, !Self.isAlive(handle, socket: link.socket) {
            let failures = sever(&state, .connectionLost(ResultReading.message(PQerrorMessage(handle))))
            depth.subtract(1, ordering: .relaxed)
            if outgoing.retryable {
                continuation.resume(returning: nil)
            } else {
                continuation.resume(throwing: PostgresError.connectionLost("the connection closed"))
            }
            return (failures, nil)
        }
        let statement = outgoing.statement
        let preparing = !link.prepared.contains(statement.name)
        let sent = LibPQ.sendPrepared(statement, outgoing.parameters, preparing: preparing, on: handle) && PQpipelineSync(handle) == 1
        let flushed = sent ? PQflush(handle) : -1
        guard flushed >= 0 else {
            let error = PostgresError.connectionLost(ResultReading.message(PQerrorMessage(handle)))
            depth.subtract(1, ordering: .relaxed)
            continuation.resume(throwing: error)
            return (sever(&state, error), nil)
        }
        if preparing { state.link?.prepared.insert(statement.name) }
        state.link?.pending.append(
            Pending(continuation: continuation, statement: statement.name, deadline: outgoing.deadline, awaitsPreparation: preparing))
        return ([], flushed == 1 ? link.socket : nil)
    }

    /// Whether an idle connection is still open: libpq reads what the server sent meanwhile (a
    /// termination notice), and the socket is checked for the end of the stream that follows it, which
    /// libpq may not have read yet.
    private static func isAlive(_ handle: OpaquePointer, socket: Int32) -> Bool {
        guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else { return false }
        var byte: UInt8 = 0
        let peeked = recv(socket, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return peeked != 0 && (peeked > 0 || errno == EAGAIN || errno == EWOULDBLOCK)
    }

    /// Called by the loop when the socket is readable (or closed) or writable: reads every answer that
    /// arrived, including any a TLS connection's OpenSSL holds already decrypted, and hands each to its
    /// request.
    func socketReady(_ socket: Int32, readable: Bool, writable: Bool) {
        var answered: [(CheckedContinuation<Answer?, any Error>, Result<Answer?, PostgresError>)] = []
        let (failures, stillWriting) = state.withLock { state -> ([Failure], Bool) in
            guard let handle = state.link?.handle, state.link?.socket == socket else { return ([], false) }
            var stillWriting = false
            if writable || readable {
                let flushed = PQflush(handle)
                stillWriting = flushed == 1
                if flushed < 0 { return (sever(&state, .connectionLost(ResultReading.message(PQerrorMessage(handle)))), false) }
            }
            var reading = readable
            repeat {
                if reading, PQconsumeInput(handle) == 0 {
                    return (sever(&state, .connectionLost(ResultReading.message(PQerrorMessage(handle)))), false)
                }
                var emptyInARow = 0
                while PQisBusy(handle) == 0 {
                    guard let result = PQgetResult(handle) else {
                        emptyInARow += 1
                        if emptyInARow > 1 || state.link?.pending.count == state.link?.first { break }
                        continue
                    }
                    emptyInARow = 0
                    if let done = take(result, into: &state) { answered.append(done) }
                }
                // The socket will not turn readable for what OpenSSL already took off it.
                reading = LibPQ.holdsUnreadTLSInput(handle)
            } while reading
            if PQstatus(handle) != CONNECTION_OK {
                return (sever(&state, .connectionLost(ResultReading.message(PQerrorMessage(handle)))), false)
            }
            return ([], stillWriting)
        }
        if stillWriting { loop.waitUntilWritable(socket) }
        sendWaiting()
        for (waiter, outcome) in answered { waiter.resume(with: outcome) }
        for (waiter, error) in failures { waiter.resume(throwing: error) }
    }

    /// Fails every request on this connection when the oldest one's answer is overdue: a server that
    /// stops answering for longer than a statement may run is presumed gone.
    func failOverdueAnswers(now: ContinuousClock.Instant) {
        let failures = state.withLock { state -> [Failure] in
            guard let link = state.link, link.first < link.pending.count, let deadline = link.pending[link.first].deadline, deadline < now else {
                return []
            }
            return sever(&state, .connectionLost("PostgreSQL did not answer in time"))
        }
        sendWaiting()
        for (waiter, error) in failures { waiter.resume(throwing: error) }
    }

    /// Closes the connection, failing whatever still waits on it.
    func close() {
        let failures = state.withLock { sever(&$0, .connectionLost("the connection was closed")) }
        sendWaiting()
        for (waiter, error) in failures { waiter.resume(throwing: error) }
    }

    /// Files one result under the oldest waiting request; returns that request's outcome once its sync
    /// point arrives.
    private func take(_ result: OpaquePointer, into state: inout State) -> (CheckedContinuation<Answer?, any Error>, Result<Answer?, PostgresError>)? {
        let status = PQresultStatus(result)
        guard let first = state.link?.first, first < state.link?.pending.count ?? 0 else {
            PQclear(result)
            return nil
        }
        if status == PGRES_PIPELINE_SYNC {
            PQclear(result)
            return finishOldest(&state)
        }
        let connectionIsBad = state.link.map { PQstatus($0.handle) != CONNECTION_OK } ?? true
        state.link!.pending[first].record(result, status: status, connectionIsBad: connectionIsBad)
        return nil
    }

    private func finishOldest(_ state: inout State) -> (CheckedContinuation<Answer?, any Error>, Result<Answer?, PostgresError>) {
        let done = state.link!.pending[state.link!.first]
        state.link!.first += 1
        if state.link!.first == state.link!.pending.count {
            state.link!.pending.removeAll(keepingCapacity: true)
            state.link!.first = 0
        } else if state.link!.first > 64, state.link!.first * 2 > state.link!.pending.count {
            state.link!.pending.removeFirst(state.link!.first)
            state.link!.first = 0
        }
        depth.subtract(1, ordering: .relaxed)
        if let error = done.error {
            if let answer = done.answer { PQclear(answer) }
            if done.preparationFailed { state.link?.prepared.remove(done.statement) }
            return (done.continuation, .failure(error))
        }
        guard let answer = done.answer else { return (done.continuation, .failure(.connectionLost("PostgreSQL sent no result"))) }
        return (done.continuation, .success(Answer(result: answer)))
    }

    /// Closes the link, if any: every pending request fails with `error`.
    private func sever(_ state: inout State, _ error: PostgresError) -> [Failure] {
        guard let link = state.link else { return [] }
        state.link = nil
        linked.store(false, ordering: .releasing)
        loop.unwatch(link.socket, for: self)
        var failures: [Failure] = []
        for pending in link.pending[link.first...] {
            if let answer = pending.answer { PQclear(answer) }
            failures.append((pending.continuation, error))
        }
        depth.subtract(link.pending.count - link.first, ordering: .relaxed)
        PQfinish(link.handle)
        return failures
    }

    /// Opens the connection, or waits for the opening another request began; refused at once while the
    /// database is known to be unreachable and another attempt is underway (``DatabaseReachability``).
    private func open() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enum Step { case ready, wait, connect, refuse(PostgresError) }
            let step = state.withLock { state -> Step in
                if state.link != nil { return .ready }
                if let refusal = reachability.refusal() { return .refuse(refusal) }
                if state.openers != nil {
                    state.openers?.append(continuation)
                    return .wait
                }
                state.openers = [continuation]
                return .connect
            }
            switch step {
            case .ready: continuation.resume()
            case .wait: break
            case .connect: NIOThreadPool.singleton.submit { _ in self.connect() }
            case .refuse(let error): continuation.resume(throwing: error)
            }
        }
    }

    /// Connects with libpq's blocking call, on a pool thread, then switches the connection to
    /// non-blocking pipeline mode and hands its socket to the loop.
    private func connect() {
        let outcome: Result<Link, PostgresError>
        do {
            let handle = try reachability.connect { try LibPQ.connect(settings, applicationName: Self.applicationName) }
            if PQsetnonblocking(handle, 1) == 0, PQenterPipelineMode(handle) == 1 {
                outcome = .success(Link(handle: handle, socket: PQsocket(handle)))
            } else {
                let message = ResultReading.message(PQerrorMessage(handle))
                PQfinish(handle)
                outcome = .failure(.connectionLost(message))
            }
        } catch {
            outcome = .failure(error as? PostgresError ?? .connectionLost("\(error)"))
        }
        let openers = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            if case .success(let link) = outcome {
                state.link = link
                linked.store(true, ordering: .releasing)
                loop.watch(link.socket, for: self)
            }
            defer { state.openers = nil }
            return state.openers ?? []
        }
        sendWaiting()
        for opener in openers { opener.resume(with: outcome.map { _ in () }.mapError { $0 as any Error }) }
    }
}

extension PipelinedConnection.Pending {
    /// Files a result before the sync point: the preparation's, the statement's own, or a note that the
    /// pipeline was aborted by an earlier error.
    fileprivate mutating func record(_ result: OpaquePointer, status: ExecStatusType, connectionIsBad: Bool) {
        defer { awaitsPreparation = false }
        let succeeded = status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK
        if succeeded, !awaitsPreparation, answer == nil {
            answer = result
            return
        }
        if !succeeded, awaitsPreparation { preparationFailed = true }
        if !succeeded, status != PGRES_PIPELINE_ABORTED, error == nil {
            error = ResultReading.error(of: result, connectionIsBad: connectionIsBad)
        }
        PQclear(result)
    }
}
