import MQDomain

/// Staff and operator actions in `mq_audit_log`, appended and never changed.
public struct PostgresAuditLog: AuditLog {
    let database: Database

    static let insert = Statement(
        "audit_insert",
        """
        INSERT INTO mq_audit_log (at, actor_id, actor, action, object) VALUES ($1::timestamptz, $2, $3, $4, $5)
        """)
    static let newest = Statement(
        "audit_newest",
        """
        SELECT \(SQLTime.micros("at")) AS at, actor_id, actor, action, object, count(*) OVER () AS total FROM mq_audit_log
        ORDER BY id DESC LIMIT $1 OFFSET $2
        """)

    public func record(_ entry: AuditEntry) async throws {
        _ = try await database.command(Self.insert, [SQLTime.parameter(entry.at), entry.actorID, entry.actor, entry.action, entry.object])
    }

    public func entries(_ request: PageRequest) async throws -> Page<AuditEntry> {
        try page(try await database.query(Self.newest, request.sqlParameters), request) { row in
            AuditEntry(
                at: try row.date("at"), actorID: try row.optionalString("actor_id"), actor: try row.string("actor"),
                action: try row.string("action"), object: try row.string("object"))
        }
    }
}
