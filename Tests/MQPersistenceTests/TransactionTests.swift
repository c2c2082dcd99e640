import MQDomain
import MQPersistence
import MQTestSupport
import Testing

/// A transaction's `BEGIN` travels with its first statement, in one round trip: these prove that changes
/// nothing a transaction promises, on a pool of one connection so every case reuses the same one.
@Suite("Transactions: BEGIN with the first statement")
struct TransactionTests {
    static let insert = Statement("test_insert_item", "INSERT INTO test_item (name) VALUES ($1) RETURNING id")
    static let count = Statement("test_count_items", "SELECT count(*) AS items FROM test_item")
    static let divide = Statement("test_divide_in_transaction", "SELECT 1 / $1::int AS quotient")

    func pool() async throws -> ConnectionPool {
        let pool = ConnectionPool(settings: try await TestDatabase.fresh(poolSize: 1))
        try await pool.withSession { try $0.execute("CREATE TABLE test_item (id serial PRIMARY KEY, name text UNIQUE NOT NULL)") }
        return pool
    }

    func items(in pool: ConnectionPool) async throws -> Int {
        try await pool.withSession { try $0.query(Self.count)[0].int("items") }
    }

    @Test func aCommittedTransactionKeepsEveryStatementsChange() async throws {
        let pool = try await pool()
        try await pool.withSession { session in
            try session.transaction {
                try session.query(Self.insert, ["first"])
                try session.query(Self.insert, ["second"])
            }
        }
        #expect(try await items(in: pool) == 2)
    }

    @Test func aBodyThatThrowsAfterItsFirstStatementRollsItBack() async throws {
        let pool = try await pool()
        await #expect(throws: MapleQuestError.self) {
            try await pool.withSession { session in
                try session.transaction {
                    try session.query(Self.insert, ["kept?"])
                    throw MapleQuestError.rejected("changed my mind")
                }
            }
        }
        #expect(try await items(in: pool) == 0)
    }

    @Test func aFirstStatementTheServerRefusesLeavesTheConnectionReadyForTheNext() async throws {
        let pool = try await pool()
        for _ in 0..<3 {
            await #expect(throws: PostgresError.self) {
                try await pool.withSession { session in try session.transaction { try session.query(Self.divide, ["0"]) } }
            }
        }
        _ = try await pool.withSession { session in try session.transaction { try session.query(Self.insert, ["after"]) } }
        #expect(try await items(in: pool) == 1)
        #expect(pool.usage.open == 1)
    }

    @Test func aFirstStatementThatCannotBePreparedFailsWithTheServersReasonEveryTime() async throws {
        let pool = try await pool()
        let broken = Statement("test_broken_in_transaction", "INSERT INTO nowhere VALUES ($1)")
        for _ in 0..<2 {
            await #expect {
                try await pool.withSession { session in try session.transaction { try session.query(broken, ["x"]) } }
            } throws: { error in
                guard case PostgresError.statementFailed(let state, _, _) = error else { return false }
                return state == "42P01"
            }
        }
        _ = try await pool.withSession { session in try session.transaction { try session.query(Self.insert, ["fine"]) } }
        #expect(try await items(in: pool) == 1)
    }

    @Test func aUniqueViolationInTheFirstStatementRollsBackAndIsReported() async throws {
        let pool = try await pool()
        _ = try await pool.withSession { session in try session.transaction { try session.query(Self.insert, ["taken"]) } }
        await #expect {
            try await pool.withSession { session in
                try session.transaction {
                    try session.query(Self.insert, ["taken"])
                    try session.query(Self.insert, ["never"])
                }
            }
        } throws: { error in
            guard case PostgresError.statementFailed(let state, _, _) = error else { return false }
            return state == "23505"
        }
        #expect(try await items(in: pool) == 1)
    }

    @Test func statementsSentTogetherAnswerInOrderAndTheFirstFailureUndoesTheBatch() async throws {
        let pool = try await pool()
        let answers = try await pool.withSession { session in
            try session.transaction {
                try session.queries([(Self.insert, ["a"]), (Self.insert, ["b"]), (Self.count, [])])
            }
        }
        #expect(answers.count == 3)
        #expect(try answers[2][0].int("items") == 2)
        await #expect(throws: PostgresError.self) {
            try await pool.withSession { session in
                try session.queries([(Self.insert, ["c"]), (Self.divide, ["0"]), (Self.insert, ["d"])])
            }
        }
        #expect(try await items(in: pool) == 2, "a batch outside a transaction is one implicit transaction")
        let quotient = try await pool.withSession { session in try session.queries([(Self.divide, ["2"])])[0][0].int("quotient") }
        #expect(quotient == 0)
    }

    @Test func statementsThatCarryTheCommitEndTheTransactionCommitted() async throws {
        let pool = try await pool()
        let answers = try await pool.withSession { session in
            try session.transaction {
                try session.query(Self.insert, ["before"])
                return try session.queries([(Self.insert, ["with the commit"]), (Self.count, [])], committing: true)
            }
        }
        #expect(try answers[1][0].int("items") == 2)
        #expect(try await items(in: pool) == 2)
        _ = try await pool.withSession { session in try session.transaction { try session.query(Self.insert, ["next"]) } }
        #expect(try await items(in: pool) == 3, "the connection is out of the transaction and ready for the next")
    }

    @Test func aFailureAmongStatementsCarryingTheCommitRollsBackTheWholeTransaction() async throws {
        let pool = try await pool()
        await #expect(throws: PostgresError.self) {
            try await pool.withSession { session in
                try session.transaction {
                    try session.query(Self.insert, ["earlier"])
                    return try session.queries([(Self.insert, ["alongside"]), (Self.divide, ["0"])], committing: true)
                }
            }
        }
        #expect(try await items(in: pool) == 0)
        _ = try await pool.withSession { session in try session.transaction { try session.query(Self.insert, ["after"]) } }
        #expect(try await items(in: pool) == 1)
        #expect(pool.usage.open == 1)
    }

    @Test func aBodyThatThrowsAfterItsCommitKeepsWhatWasCommitted() async throws {
        let pool = try await pool()
        await #expect(throws: MapleQuestError.self) {
            try await pool.withSession { session in
                try session.transaction {
                    _ = try session.queries([(Self.insert, ["committed"])], committing: true)
                    throw MapleQuestError.rejected("too late to change my mind")
                }
            }
        }
        #expect(try await items(in: pool) == 1)
    }
}
