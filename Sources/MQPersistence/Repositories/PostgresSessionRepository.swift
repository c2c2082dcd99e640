import FoundationEssentials
import MQDomain

/// Token families in `mq_session_family`, one row per sign-in however often it is refreshed, and when
/// each account last ended its other sessions in `mq_account_session`.
public struct PostgresSessionRepository: SessionRepository {
    let database: Database

    static let begin = Statement(
        "session_begin",
        """
        INSERT INTO mq_session_family (family, user_id, refresh_jti, expires_at)
        SELECT $1, u."userId", $3, $4::timestamptz FROM core_user u WHERE u."userId" = $2
        ON CONFLICT (family) DO NOTHING
        """)
    static let advance = Statement(
        "session_advance",
        """
        UPDATE mq_session_family SET refresh_jti = $3, expires_at = $5::timestamptz
        WHERE family = $1 AND refresh_jti = $2 AND user_id = $4 AND NOT revoked RETURNING 1
        """)
    static let state = Statement("session_state", "SELECT revoked OR user_id <> $2 AS revoked FROM mq_session_family WHERE family = $1")
    static let adopt = Statement(
        "session_adopt",
        """
        INSERT INTO mq_session_family (family, user_id, refresh_jti, expires_at)
        SELECT $1, u."userId", $3, $5::timestamptz FROM core_user u
        LEFT JOIN mq_account_session a ON a.user_id = u."userId"
        WHERE u."userId" = $2 AND (a.sessions_ended_at IS NULL OR a.sessions_ended_at <= $4::timestamptz)
        ON CONFLICT (family) DO NOTHING RETURNING 1
        """)
    static let revoke = Statement("session_revoke", "UPDATE mq_session_family SET revoked = true WHERE family = $1")
    static let revokeOthers = Statement(
        "session_revoke_others",
        """
        UPDATE mq_session_family SET revoked = true WHERE user_id = $1 AND family <> $2 AND NOT revoked
        """)
    static let endSessions = Statement(
        "session_end_all",
        """
        INSERT INTO mq_account_session (user_id, sessions_ended_at) SELECT "userId", $2::timestamptz FROM core_user WHERE "userId" = $1
        ON CONFLICT (user_id) DO UPDATE SET sessions_ended_at = EXCLUDED.sessions_ended_at
        """)
    static let account = Statement(
        "session_account",
        """
        SELECT \(Columns.user), f.revoked OR f.user_id <> u."userId" AS family_revoked,
        a.sessions_ended_at > $3::timestamptz AS sessions_ended
        FROM core_user u
        LEFT JOIN mq_session_family f ON f.family = $2
        LEFT JOIN mq_account_session a ON a.user_id = u."userId"
        WHERE u."userId" = $1
        """)
    static let purgeFamilies = Statement("session_purge_families", "DELETE FROM mq_session_family WHERE expires_at < $1::timestamptz")
    static let purgeEndings = Statement(
        "session_purge_endings",
        """
        DELETE FROM mq_account_session WHERE sessions_ended_at < $1::timestamptz
        """)
    static let count = Statement("session_family_count", "SELECT count(*) AS families FROM mq_session_family WHERE user_id = $1")

    public func begin(family: String, userID: UserID, refreshTokenID: String, expiresAt: Date) async throws {
        try await database.query(Self.begin, [family, userID, refreshTokenID, SQLTime.parameter(expiresAt)])
    }

    /// Concurrent rotations settle on the family's row: the `UPDATE` or the adopting `INSERT` that waits
    /// for another finds the token spent, and the state read after it (a new snapshot under read
    /// committed) says why. One transaction, so that an adoption refused because its account closed
    /// meanwhile runs again and answers `.revoked`.
    public func rotate(family: String, presented: String, next: String, userID: UserID, issuedAt: Date, expiresAt: Date) async throws -> RefreshRedemption {
        try await database.transaction { session in
            let expiry = SQLTime.parameter(expiresAt)
            if try !session.query(Self.advance, [family, presented, next, userID, expiry]).isEmpty {
                return .redeemed(family: family)
            }
            if let known = try session.query(Self.state, [family, userID]).first {
                return try known.bool("revoked") ? .revoked : .replayed(family: family)
            }
            if try !session.query(Self.adopt, [family, userID, next, SQLTime.parameter(issuedAt), expiry]).isEmpty {
                return .redeemed(family: family)
            }
            if let raced = try session.query(Self.state, [family, userID]).first {
                return try raced.bool("revoked") ? .revoked : .replayed(family: family)
            }
            return .revoked
        }
    }

    public func revoke(family: String) async throws {
        try await database.query(Self.revoke, [family])
    }

    public func endSessions(of userID: UserID, keeping: String?, at date: Date) async throws {
        try await database.transaction { session in
            try session.query(Self.revokeOthers, [userID, keeping ?? ""])
            try session.query(Self.endSessions, [userID, SQLTime.parameter(date)])
        }
    }

    public func account(_ userID: UserID, family: String, issuedAt: Date) async throws -> SessionAccount {
        guard let row = try await database.query(Self.account, [userID, family, SQLTime.parameter(issuedAt)]).first else { return .missing }
        if try !row.isNull("family_revoked") {
            return try row.bool("family_revoked") ? .revoked : .active(try Columns.user(row))
        }
        if try !row.isNull("sessions_ended"), try row.bool("sessions_ended") { return .revoked }
        return .active(try Columns.user(row))
    }

    public func purge(expiredBefore date: Date) async throws {
        let endingsBefore = date.addingTimeInterval(-TimeInterval(AuthService.refreshTokenLifetime))
        try await database.transaction { session in
            try session.query(Self.purgeFamilies, [SQLTime.parameter(date)])
            try session.query(Self.purgeEndings, [SQLTime.parameter(endingsBefore)])
        }
    }

    public func familyCount(of userID: UserID) async throws -> Int {
        try await database.query(Self.count, [userID]).first?.int("families") ?? 0
    }
}
