import MQDomain

/// Staff and operator actions in `mq_audit_log`, appended and never changed.
public struct PostgresAuditLog: AuditLog {
    let database: Database

    static let insert = Statement("audit_insert", """
        INSERT INTO mq_audit_log (at, actor_id, actor, action, object) VALUES ($1::timestamptz, $2, $3, $4, $5)
        """)
    static let newest = Statement("audit_newest", """
        SELECT \(SQLTime.micros("at")), actor_id, actor, action, object, count(*) OVER () FROM mq_audit_log
        ORDER BY id DESC LIMIT $1 OFFSET $2
        """)

    public func record(_ entry: AuditEntry) async throws {
        try await database.run { session in
            _ = try session.command(Self.insert, [SQLTime.parameter(entry.at), entry.actorID, entry.actor, entry.action, entry.object])
        }
    }

    public func entries(_ request: PageRequest) async throws -> Page<AuditEntry> {
        try await database.run { session in
            page(try session.query(Self.newest, request.sqlParameters), request) { row in
                AuditEntry(at: row.date(0), actorID: row.optionalString(1), actor: row.string(2), action: row.string(3), object: row.string(4))
            }
        }
    }
}
