import Foundation
import MQDomain

/// Token families in `mq_session_token` and `mq_revoked_family`.
public struct PostgresSessionRepository: SessionRepository {
    let database: Database

    static let record = Statement("session_record", """
        INSERT INTO mq_session_token (jti, family, user_id, expires_at)
        SELECT jti, $2, $3, $4::timestamptz FROM unnest($1::varchar[]) AS jti ON CONFLICT (jti) DO NOTHING
        """)
    static let spend = Statement("session_spend", """
        UPDATE mq_session_token t SET spent = true WHERE t.jti = $1 AND NOT t.spent
        RETURNING t.family, EXISTS (SELECT 1 FROM mq_revoked_family r WHERE r.family = t.family)
        """)
    static let lookup = Statement("session_lookup", """
        SELECT t.family, EXISTS (SELECT 1 FROM mq_revoked_family r WHERE r.family = t.family) FROM mq_session_token t WHERE t.jti = $1
        """)
    static let adopt = Statement("session_adopt", """
        INSERT INTO mq_session_token (jti, family, user_id, expires_at, spent)
        SELECT $1, $1, u."userId", $3::timestamptz, true FROM core_user u WHERE u."userId" = $2
        ON CONFLICT (jti) DO NOTHING RETURNING family
        """)
    static let revoke = Statement("session_revoke", "INSERT INTO mq_revoked_family (family) VALUES ($1) ON CONFLICT DO NOTHING")
    static let account = Statement("session_account", """
        SELECT \(Columns.user), EXISTS (SELECT 1 FROM mq_session_token t JOIN mq_revoked_family r ON r.family = t.family WHERE t.jti = $2)
        FROM core_user u WHERE u."userId" = $1
        """)
    static let purgeTokens = Statement("session_purge_tokens", "DELETE FROM mq_session_token WHERE expires_at < $1::timestamptz")
    static let purgeFamilies = Statement("session_purge_families", """
        DELETE FROM mq_revoked_family r WHERE NOT EXISTS (SELECT 1 FROM mq_session_token t WHERE t.family = r.family)
        """)

    public func record(tokenIDs: [String], family: String, userID: UserID, expiresAt: Date) async throws {
        try await database.run { session in
            try session.query(Self.record, [arrayParameter(tokenIDs), family, userID, SQLTime.parameter(expiresAt)])
        }
    }

    public func redeem(refreshTokenID: String, userID: UserID, expiresAt: Date) async throws -> RefreshRedemption {
        try await database.run { session in
            if let spent = try session.query(Self.spend, [refreshTokenID]).first {
                return spent.bool(1) ? .revoked : .redeemed(family: spent.string(0))
            }
            if let known = try session.query(Self.lookup, [refreshTokenID]).first {
                return known.bool(1) ? .revoked : .replayed(family: known.string(0))
            }
            if let adopted = try session.query(Self.adopt, [refreshTokenID, userID, SQLTime.parameter(expiresAt)]).first {
                return .redeemed(family: adopted.string(0))
            }
            if let raced = try session.query(Self.lookup, [refreshTokenID]).first {
                return raced.bool(1) ? .revoked : .replayed(family: raced.string(0))
            }
            return .revoked
        }
    }

    public func revoke(family: String) async throws {
        try await database.run { try $0.query(Self.revoke, [family]) }
    }

    public func account(_ userID: UserID, presenting tokenID: String) async throws -> SessionAccount {
        try await database.run { session in
            guard let row = try session.query(Self.account, [userID, tokenID]).first else { return .missing }
            return row.bool(10) ? .revoked : .active(Columns.user(row))
        }
    }

    public func purge(expiredBefore date: Date) async throws {
        try await database.transaction { session in
            try session.query(Self.purgeTokens, [SQLTime.parameter(date)])
            try session.query(Self.purgeFamilies)
        }
    }
}
