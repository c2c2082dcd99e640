/// The least-privilege role the server's tasks connect as: it may read and change the game's rows, and
/// nothing else — no schema changes, no other roles, no other databases. `mq-server migrate`, connected
/// as the owner of the tables (the RDS master user), creates it or resets its password.
public struct AppRole: Sendable {
    public var name: String
    public var password: String

    public init(name: String, password: String) {
        self.name = name
        self.password = password
    }

    /// Creates the role (or sets its password) and grants it what the game needs, on every table and
    /// sequence now and on those later migrations create. Idempotent.
    func grant(in session: PostgresSession) throws {
        let exists = try session.query(Statement("mq_app_role_exists", "SELECT 1 FROM pg_roles WHERE rolname = $1"), [name])
        let verb = exists.isEmpty ? "CREATE ROLE %I LOGIN PASSWORD %L" : "ALTER ROLE %I LOGIN PASSWORD %L"
        let statements = try session.query(
            Statement(
                "mq_app_role_sql_\(exists.isEmpty ? "create" : "alter")",
                """
                SELECT format('\(verb)', $1::text, $2::text) AS sql UNION ALL
                SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), $1::text) UNION ALL
                SELECT format('GRANT USAGE ON SCHEMA public TO %I', $1::text) UNION ALL
                SELECT format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', $1::text) UNION ALL
                SELECT format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', $1::text) UNION ALL
                SELECT format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', $1::text) UNION ALL
                SELECT format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', $1::text) UNION ALL
                SELECT format('REVOKE CREATE ON SCHEMA public FROM %I', $1::text)
                """), [name, password])
        for row in statements { try session.execute(try row.string("sql")) }
    }
}
