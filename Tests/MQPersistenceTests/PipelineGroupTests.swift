import Foundation
import MQDomain
import MQPersistence
import MQTestSupport
import Testing

/// Statements a request sends together through the pipeline (`StatementPipeline.group`) are one
/// transaction of their own: answered in order, committed together or not at all — a failure in any of
/// them or at their commit leaves nothing — and never in the way of the requests sent after them.
@Suite("Statement pipeline: statements sent together")
struct PipelineGroupTests {
    static let note = Statement("test_note", "INSERT INTO pipeline_note (n) VALUES ($1::int) RETURNING n")
    static let notes = Statement("test_notes", "SELECT count(*)::int AS notes FROM pipeline_note")
    static let double = Statement("test_group_double", "SELECT $1::int * 2 AS doubled")
    static let divide = Statement("test_group_divide", "SELECT 100 / $1::int AS quotient")
    static let triple = Statement("test_group_triple", "SELECT $1::int * 3 AS tripled")

    @Test func statementsSentTogetherAreAnsweredInOrderAndCommittedTogether() async throws {
        let (settings, pipeline) = try await pipelineWithNotes()
        // The same new statement twice in one group is prepared once.
        let answers = try await pipeline.group([(Self.note, ["1"]), (Self.note, ["2"]), (Self.notes, []), (Self.double, ["21"])])
        #expect(answers.count == 4)
        #expect(try answers[0].first?.int("n") == 1)
        #expect(try answers[1].first?.int("n") == 2)
        #expect(try answers[2].first?.int("notes") == 2)
        #expect(try answers[3].first?.int("doubled") == 42)
        #expect(try await notes(in: settings) == 2)
    }

    @Test func aFailureInAnyStatementRollsBackTheWholeGroupAndTheNextGroupRuns() async throws {
        let (settings, pipeline) = try await pipelineWithNotes()
        await #expect {
            _ = try await pipeline.group([(Self.note, ["1"]), (Self.divide, ["0"]), (Self.note, ["2"])])
        } throws: { error in
            if case PostgresError.statementFailed("22012", _, _) = error { return true }
            return false
        }
        #expect(try await notes(in: settings) == 0)
        // The statement after the failure was never prepared; the pipeline prepares it on its next use.
        #expect(try await pipeline.query(Self.triple, ["2"])[0].int("tripled") == 6)
        #expect(try await pipeline.group([(Self.note, ["1"]), (Self.divide, ["4"])])[1].first?.int("quotient") == 25)
        #expect(try await notes(in: settings) == 1)
    }

    /// Django's foreign keys are checked at the commit, after the statements have answered.
    @Test func aDeferredConstraintFailingAtTheCommitFailsTheGroupAndWritesNothing() async throws {
        let (settings, pipeline) = try await pipelineWithNotes()
        try await TestDatabase.execute(
            """
            CREATE TABLE pipeline_owner (id int PRIMARY KEY);
            CREATE TABLE pipeline_owned (owner int NOT NULL REFERENCES pipeline_owner (id) DEFERRABLE INITIALLY DEFERRED)
            """, in: settings.name)
        let own = Statement("test_own", "INSERT INTO pipeline_owned (owner) VALUES ($1::int) RETURNING owner")
        await #expect {
            _ = try await pipeline.group([(Self.note, ["1"]), (own, ["7"])])
        } throws: { error in
            if case PostgresError.statementFailed("23503", _, _) = error { return true }
            return false
        }
        #expect(try await notes(in: settings) == 0)
        try await TestDatabase.execute("INSERT INTO pipeline_owner (id) VALUES (7)", in: settings.name)
        #expect(try await pipeline.group([(Self.note, ["1"]), (own, ["7"])])[1].first?.int("owner") == 7)
    }

    /// A group that bounds its lock wait gives up on a held row after the bound, having changed nothing,
    /// and the bound ends with the group: the next statement on the connection has the session's
    /// `lock_timeout` again.
    @Test(.timeLimit(.minutes(2)))
    func aGroupThatBoundsItsLockWaitGivesUpOnAHeldRowAndTheBoundEndsWithIt() async throws {
        var (settings, pipeline) = try await pipelineWithNotes()
        settings.lockTimeout = .seconds(30)
        pipeline = StatementPipeline(settings: settings)
        try await TestDatabase.execute("INSERT INTO pipeline_note (n) VALUES (1)", in: settings.name)
        let holder = "holder-of-pipeline-note-1"
        let locks = ConnectionPool(settings: settings)
        let holding = Task {
            try await locks.withSession { session in
                try session.transaction {
                    try session.execute("SELECT n FROM pipeline_note WHERE n = 1 FOR UPDATE")
                    try session.execute("SELECT pg_sleep(600) /* \(holder) */")
                }
            }
        }
        try await TestDatabase.waitUntilRunning(holder, in: settings.name)
        let bump = Statement("test_bump", "UPDATE pipeline_note SET n = n + 10 WHERE n = $1::int RETURNING n")
        await #expect {
            _ = try await pipeline.group([(Self.note, ["2"]), (bump, ["1"])], lockTimeout: .milliseconds(20))
        } throws: { error in
            if case PostgresError.statementFailed("55P03", _, _) = error { return true }
            return false
        }
        let setting = Statement("test_lock_timeout", "SELECT current_setting('lock_timeout') AS wait")
        #expect(try await pipeline.query(setting)[0].string("wait") == "30s")
        let answers = try await pipeline.group([(setting, []), (Self.notes, [])], lockTimeout: .milliseconds(20))
        #expect(try answers[0].first?.string("wait") == "20ms")
        #expect(try answers[1].first?.int("notes") == 1)
        try await TestDatabase.terminateProcess(running: holder)
        _ = await holding.result
        #expect(try await notes(in: settings) == 1)
    }

    private func pipelineWithNotes() async throws -> (DatabaseSettings, StatementPipeline) {
        var settings = try await TestDatabase.fresh(poolSize: 1)
        settings.pipelineConnections = 1
        try await TestDatabase.execute("CREATE TABLE pipeline_note (n int PRIMARY KEY)", in: settings.name)
        return (settings, StatementPipeline(settings: settings))
    }

    private func notes(in settings: DatabaseSettings) async throws -> Int {
        let pool = ConnectionPool(settings: settings)
        return try await pool.withSession { try $0.query(Self.notes)[0].int("notes") }
    }
}
