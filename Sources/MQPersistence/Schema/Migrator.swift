/// What `mq-server migrate` did.
public struct MigrationReport: Sendable, Equatable {
    /// Steps applied by this run, by name; empty when the schema was already current.
    public var applied: [String]
    /// Whether the core tables were already there (a database the old backend created).
    public var adoptedExistingTables: Bool
}

/// Where a database stands, read without changing anything (`mq-server migrate --status`).
public struct MigrationStatus: Sendable, Equatable {
    /// Steps already applied, oldest first, each with when it was applied.
    public var applied: [(name: String, appliedAt: String)]
    /// Steps `migrate` would apply, in order.
    public var pending: [String]
    /// Whether the core tables are there (created by the old backend or by an earlier `migrate`).
    public var coreTablesExist: Bool

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.applied.map(\.name) == rhs.applied.map(\.name) && lhs.applied.map(\.appliedAt) == rhs.applied.map(\.appliedAt)
            && lhs.pending == rhs.pending && lhs.coreTablesExist == rhs.coreTablesExist
    }
}

/// Brings a database to the schema mq-server needs: idempotent, in one transaction, serialised by an
/// advisory lock so that two tasks migrating at once cannot interleave.
public struct Migrator: Sendable {
    static let lockKey = 7_274_631_900

    let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// - Parameter appRole: the least-privilege role to create or update for the server's tasks, if any.
    public func migrate(appRole: AppRole? = nil) async throws -> MigrationReport {
        try await pool.withSession { session in
            try session.transaction {
                try session.execute("SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0")
                try session.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
                let coreExisted =
                    try session.query(Statement("mq_core_before", "SELECT to_regclass('core_user') IS NOT NULL AS core")).first?.bool("core") ?? false
                try session.execute(
                    """
                    CREATE TABLE IF NOT EXISTS mq_schema_migrations (
                        version integer PRIMARY KEY,
                        name text NOT NULL,
                        applied_at timestamp with time zone NOT NULL DEFAULT now()
                    )
                    """)
                let done = Set(try session.query(Statement("mq_applied", "SELECT version FROM mq_schema_migrations")).map { try $0.int("version") })
                var applied: [String] = []
                for migration in Migration.all where !done.contains(migration.version) {
                    try migration.apply(session)
                    try session.query(
                        Statement("mq_record_migration", "INSERT INTO mq_schema_migrations (version, name) VALUES ($1, $2)"),
                        [String(migration.version), migration.name])
                    applied.append(migration.name)
                }
                try appRole?.grant(in: session)
                return MigrationReport(applied: applied, adoptedExistingTables: coreExisted && done.isEmpty)
            }
        }
    }

    /// Applied and pending steps, in a read-only transaction.
    public func status() async throws -> MigrationStatus {
        try await pool.withSession { session in
            try session.transaction {
                try session.execute("SET TRANSACTION READ ONLY")
                let exists = Statement(
                    "mq_status_exists", "SELECT to_regclass('core_user') IS NOT NULL AS core, to_regclass('mq_schema_migrations') IS NOT NULL AS recorded")
                let flags = try session.query(exists).first
                let coreExists = try flags?.bool("core") ?? false
                var applied: [(name: String, appliedAt: String)] = []
                var versions: Set<Int> = []
                if try flags?.bool("recorded") ?? false {
                    let rows = try session.query(
                        Statement(
                            "mq_status_applied",
                            """
                            SELECT version, name, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS applied_at
                            FROM mq_schema_migrations ORDER BY version
                            """))
                    for row in rows {
                        versions.insert(try row.int("version"))
                        applied.append((try row.string("name"), try row.string("applied_at")))
                    }
                }
                let pending = Migration.all.filter { !versions.contains($0.version) }.map(\.name)
                return MigrationStatus(applied: applied, pending: pending, coreTablesExist: coreExists)
            }
        }
    }
}
