import Foundation
import MQDomain
import MQPersistence
import MQTestSupport
import Synchronization
import Testing

/// The statement pipeline against a real server: many requests' statements share a few connections,
/// each gets its own answer, one failure stays its own, and a connection that breaks or goes silent is
/// replaced without taking the process down.
@Suite("Statement pipeline: shared connections, failures and limits")
struct PipelineTests {
    static let double = Statement("test_double", "SELECT $1::int * 2 AS doubled")
    static let divide = Statement("test_divide", "SELECT 100 / $1::int AS quotient")

    @Test func manyConcurrentStatementsShareTwoConnectionsAndEachGetsItsOwnAnswer() async throws {
        let settings = try await TestDatabase.fresh(poolSize: 1)
        let pipeline = StatementPipeline(settings: settings)
        let answers = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for value in 0..<1000 {
                group.addTask { (value, try await pipeline.query(Self.double, [String(value)])[0].int("doubled")) }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(answers.count == 1000)
        #expect(answers.allSatisfy { $0.value == $0.key * 2 })
        #expect(try await backends(of: settings.name).count <= 2)
        #expect(pipeline.inFlight == 0)
    }

    /// A request never waits for a connection another thread is using: it files its statement, and the
    /// thread holding the connection sends it before letting go. Thousands of statements racing the loop
    /// that reads answers, on one connection, all go out and all come back.
    @Test func statementsFiledWhileTheConnectionIsBusyAreSentByItsHolderAndNoneIsLeftBehind() async throws {
        var settings = try await TestDatabase.fresh(poolSize: 1)
        settings.pipelineConnections = 1
        let pipeline = StatementPipeline(settings: settings)
        for round in 0..<3 {
            // 200 requests at once, each sending ten statements in turn: up to the depth limit race the loop, the rest wait for room.
            let total = try await withThrowingTaskGroup(of: Int.self) { group in
                for request in 0..<200 {
                    group.addTask {
                        var answered = 0
                        for step in 0..<10 {
                            let value = request * 10 + step
                            let doubled = try await pipeline.query(Self.double, [String(value)])[0].int("doubled")
                            #expect(doubled == value * 2, "round \(round)")
                            answered += 1
                        }
                        return answered
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(total == 2000)
            #expect(pipeline.inFlight == 0)
        }
        #expect(pipeline.openConnections == 1)
    }

    @Test func aFailingStatementFailsAloneAndTheStatementsBesideItSucceed() async throws {
        let settings = try await TestDatabase.fresh(poolSize: 1)
        let pipeline = StatementPipeline(settings: settings)
        let outcomes = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for divisor in -200...200 {
                group.addTask {
                    do {
                        return (divisor, .success(try await pipeline.query(Self.divide, [String(divisor)])[0].int("quotient")))
                    } catch {
                        return (divisor, .failure(error))
                    }
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for (divisor, outcome) in outcomes {
            switch outcome {
            case .success(let quotient): #expect(divisor != 0 && quotient == 100 / divisor)
            case .failure(let error):
                #expect(divisor == 0)
                guard case PostgresError.statementFailed(let state, _, _) = error else {
                    Issue.record("division by zero should be the server's refusal, not \(error)")
                    continue
                }
                #expect(state == "22012")
            }
        }
    }

    /// An operator looking at `pg_stat_activity` tells the pipeline's shared connections from the pool's.
    @Test func pipelinedConnectionsNameThemselvesApartFromThePoolsInTheServersActivity() async throws {
        let settings = try await TestDatabase.fresh(poolSize: 1)
        let pipeline = StatementPipeline(settings: settings)
        let pool = ConnectionPool(settings: settings)
        #expect(try await pipeline.query(Self.double, ["1"])[0].int("doubled") == 2)
        try await pool.withSession { _ = try $0.query(Self.double, ["2"]) }
        guard let admin = TestDatabase.admin else { try Test.cancel(TestDatabase.notConfigured) }
        let names = try await admin.withSession { session in
            try session.query(
                Statement(
                    "test_application_names",
                    "SELECT application_name FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' ORDER BY 1"),
                [settings.name])
        }
        #expect(try names.map { try $0.string("application_name") } == ["mq-server", "mq-server pipeline"])
    }

    @Test func aStatementTheServerCannotPrepareFailsEveryTimeWithoutHarmingTheConnection() async throws {
        let settings = try await TestDatabase.fresh(poolSize: 1)
        let pipeline = StatementPipeline(settings: settings)
        let broken = Statement("test_broken", "SELEC 1")
        for _ in 0..<3 {
            await #expect(throws: PostgresError.self) { try await pipeline.query(broken) }
        }
        #expect(try await pipeline.query(Self.double, ["21"])[0].int("doubled") == 42)
        #expect(try await pipeline.command(Statement("test_temporary", "SELECT generate_series(1, 3)")) == 3)
    }

    @Test func aStatementWhoseFirstRunFailsAfterItWasPreparedRunsOnItsNextUse() async throws {
        var settings = try await TestDatabase.fresh(poolSize: 1)
        settings.pipelineConnections = 1
        let pipeline = StatementPipeline(settings: settings)
        await #expect(throws: PostgresError.self) { try await pipeline.query(Self.divide, ["0"]) }
        #expect(try await pipeline.query(Self.divide, ["4"])[0].int("quotient") == 25)
    }

    @Test func aStatementInFlightWhenItsConnectionDiesFailsAsLostAndTheNextOneReconnects() async throws {
        var settings = try await TestDatabase.fresh(poolSize: 1)
        settings.statementTimeout = .zero
        let pipeline = StatementPipeline(settings: settings)
        let slow = Task { try await pipeline.query(Statement("test_sleep", "SELECT pg_sleep($1::float8)"), ["600"]) }
        try await TestDatabase.waitUntilRunning("pg_sleep", in: settings.name)
        try await TestDatabase.terminateConnections(to: settings.name)
        await #expect {
            _ = try await slow.value
        } throws: { error in
            if case PostgresError.connectionLost = error { return true }
            return false
        }
        for value in 0..<5 { #expect(try await pipeline.query(Self.double, [String(value)])[0].int("doubled") == value * 2) }
    }

    @Test func anIdleConnectionTheServerClosedIsNoticedAndReplacedByTheNextStatement() async throws {
        let settings = try await TestDatabase.fresh(poolSize: 1)
        let pipeline = StatementPipeline(settings: settings)
        #expect(try await pipeline.query(Self.double, ["1"])[0].int("doubled") == 2)
        #expect(pipeline.openConnections == 1)
        try await TestDatabase.terminateConnections(to: settings.name)
        // The I/O thread reads the end of the stream and closes the connection, with nothing waiting on it.
        while pipeline.openConnections > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await pipeline.query(Self.double, ["2"])[0].int("doubled") == 4)
    }

    @Test func aServerThatStopsAnsweringFailsItsStatementsOnceTheyAreOverdueAndIsReplaced() async throws {
        var settings = try await TestDatabase.fresh(poolSize: 1)
        settings.pipelineConnections = 1
        settings.statementTimeout = .milliseconds(100)
        settings.connectTimeout = 1
        let pipeline = StatementPipeline(settings: settings)
        #expect(try await pipeline.query(Self.double, ["1"])[0].int("doubled") == 2)
        let server = FrozenServer(try await backends(of: settings.name))
        defer { server.thaw() }
        await #expect {
            _ = try await pipeline.query(Self.double, ["2"])
        } throws: { error in
            if case PostgresError.connectionLost = error { return true }
            return false
        }
        #expect(try await pipeline.query(Self.double, ["3"])[0].int("doubled") == 6)
    }

    /// A burst larger than the pipeline holds is served in order, not refused: past `maxDepth` unanswered
    /// statements, the rest wait unsent for room, and go out as answers free it.
    @Test func statementsPastTheDepthLimitWaitUnsentForRoomAndAreAllAnswered() async throws {
        let (_, pipeline, server) = try await frozenPipeline(acquireTimeout: .seconds(600))
        defer { server.thaw() }
        let statements = Self.doublings(StatementPipeline.maxDepth + 40, on: pipeline)
        while pipeline.inFlight + pipeline.waiting < statements.count { try await Task.sleep(for: .milliseconds(10)) }
        #expect(pipeline.inFlight == StatementPipeline.maxDepth)
        #expect(pipeline.waiting == 40)
        server.thaw()
        try await Self.expectDoubled(statements)
        #expect(pipeline.waiting == 0)
        #expect(pipeline.admissionTimeouts == 0)
    }

    /// A health check asks whether PostgreSQL answers, not how long the line is: its probe goes out past
    /// a full pipeline and its waiting statements, and is answered as soon as the server is.
    @Test func aProbeSkipsTheLineForRoomAndIsAnsweredWithTheStatementsSentBeforeIt() async throws {
        let (_, pipeline, server) = try await frozenPipeline(acquireTimeout: .seconds(600))
        defer { server.thaw() }
        let statements = Self.doublings(StatementPipeline.maxDepth + 10, on: pipeline)
        while pipeline.inFlight + pipeline.waiting < statements.count { try await Task.sleep(for: .milliseconds(10)) }
        let probe = Task { try await pipeline.probe(Statement("test_ping", "SELECT 1")) }
        #expect(try await Self.eventually { pipeline.inFlight == StatementPipeline.maxDepth + 1 }, "the probe went out")
        #expect(pipeline.waiting == 10, "without taking a waiting statement's place")
        server.thaw()
        try await probe.value
        try await Self.expectDoubled(statements)
    }

    /// Waiting for room is bounded like waiting for a pooled connection: after `DB_ACQUIRE_TIMEOUT` the
    /// statement is refused (answered 503), unsent, and counted with the pool's acquire timeouts; the
    /// statements already sent still get their answers.
    @Test func aStatementThatFindsNoRoomWithinTheAcquireTimeoutIsRefusedUnsent() async throws {
        let (store, pipeline, server) = try await frozenPipeline(acquireTimeout: .milliseconds(200))
        defer { server.thaw() }
        let sent = Self.doublings(StatementPipeline.maxDepth, on: pipeline)
        while pipeline.inFlight < StatementPipeline.maxDepth { try await Task.sleep(for: .milliseconds(10)) }
        await #expect {
            _ = try await pipeline.query(Self.double, ["0"])
        } throws: { error in
            if case PostgresError.poolExhausted = error { return true }
            return false
        }
        #expect(pipeline.admissionTimeouts == 1)
        #expect(store.waitStatistics().acquireTimeouts == 1, "reported with the pool's acquire timeouts")
        #expect(pipeline.waiting == 0)
        #expect(pipeline.inFlight == StatementPipeline.maxDepth, "the refused statement was never sent")
        server.thaw()
        try await Self.expectDoubled(sent)
        #expect(try await pipeline.query(Self.double, ["21"])[0].int("doubled") == 42)
    }

    /// A store on a fresh database with one pipelined connection and no statement timeout, whose server
    /// process is frozen once the connection has answered: what is sent next stays unanswered until the
    /// server is thawed.
    private func frozenPipeline(acquireTimeout: Duration) async throws -> (PostgresStore, StatementPipeline, FrozenServer) {
        var settings = try await TestDatabase.fresh(poolSize: 1)
        settings.pipelineConnections = 1
        settings.statementTimeout = .zero
        settings.acquireTimeout = acquireTimeout
        let store = PostgresStore(settings: settings)
        let pipeline = try #require(store.pipeline)
        #expect(try await pipeline.query(Self.double, ["1"])[0].int("doubled") == 2)
        return (store, pipeline, FrozenServer(try await backends(of: settings.name)))
    }

    /// `count` requests at once, the n-th asking the pipeline to double n.
    private static func doublings(_ count: Int, on pipeline: StatementPipeline) -> [Task<Int, any Error>] {
        (0..<count).map { value in Task { try await pipeline.query(double, [String(value)])[0].int("doubled") } }
    }

    /// Every request of ``doublings(_:on:)`` gets its own answer.
    private static func expectDoubled(_ requests: [Task<Int, any Error>]) async throws {
        for (value, request) in requests.enumerated() { #expect(try await request.value == value * 2) }
    }

    /// Whether `condition` holds within a minute (checked every 10 ms), so that a test of something that
    /// never happens fails instead of waiting forever.
    private static func eventually(_ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// The server processes serving `database`.
    private func backends(of database: String) async throws -> [pid_t] {
        guard let admin = TestDatabase.admin else { try Test.cancel(TestDatabase.notConfigured) }
        let rows = try await admin.withSession { session in
            try session.query(Statement("test_backends", "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'"), [database])
        }
        return try rows.map { pid_t(try $0.int("pid")) }
    }
}

/// A database's server processes, stopped (`SIGSTOP`) until thawed; thawing again does nothing, so a
/// test can thaw where it means to and again on the way out.
private final class FrozenServer: Sendable {
    private let processes: [pid_t]
    private let thawed = Atomic<Bool>(false)

    init(_ processes: [pid_t]) {
        self.processes = processes
        for process in processes { kill(process, SIGSTOP) }
    }

    func thaw() {
        guard !thawed.exchange(true, ordering: .relaxed) else { return }
        for process in processes { kill(process, SIGCONT) }
    }
}
