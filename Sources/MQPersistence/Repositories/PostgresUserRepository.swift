import MQDomain

/// Accounts in `core_user`, with the staff flag in `mq_staff`.
public struct PostgresUserRepository: UserRepository {
    let database: Database
    /// The global board's shared head, forgotten after each change here that it may show.
    let boardHead: ExpiringSnapshot<BoardHead>?

    static let insert = Statement(
        "user_insert",
        """
        INSERT INTO core_user ("userId", email, password, first_name, last_name, phone_no, points, profile_pic_url, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)
        """)
    static let byID = Statement("user_by_id", "SELECT \(Columns.user) FROM core_user u WHERE u.\"userId\" = $1")
    static let byEmail = Statement("user_by_email", "SELECT \(Columns.user) FROM core_user u WHERE u.email = $1")
    static let byPhone = Statement("user_by_phone", "SELECT \(Columns.user) FROM core_user u WHERE u.phone_no = $1")
    static let byIDs = Statement("user_by_ids", "SELECT \(Columns.user) FROM core_user u WHERE u.\"userId\" = ANY($1::varchar[])")
    static let update = Statement(
        "user_update",
        """
        UPDATE core_user SET email = $2, password = $3, first_name = $4, last_name = $5, phone_no = $6, profile_pic_url = $7
        WHERE "userId" = $1
        """)
    /// `strpos` rather than `LIKE`, so `%` and `_` in what an operator types are matched as themselves.
    static let search = Statement(
        "user_search",
        """
        SELECT \(Columns.user), count(*) OVER () AS total FROM core_user u
        WHERE $1::text IS NULL OR strpos(lower(u.email), lower($1)) > 0 OR strpos(lower(coalesce(u.phone_no, '')), lower($1)) > 0
           OR strpos(lower(u.first_name), lower($1)) > 0 OR strpos(lower(u.last_name), lower($1)) > 0
        ORDER BY u.created_at DESC NULLS LAST, u."userId" DESC LIMIT $2 OFFSET $3
        """)
    static let grantStaff = Statement("user_grant_staff", "INSERT INTO mq_staff (user_id) VALUES ($1) ON CONFLICT DO NOTHING")
    static let revokeStaff = Statement("user_revoke_staff", "DELETE FROM mq_staff WHERE user_id = $1")
    static let deleteImages = Statement("user_delete_images", "DELETE FROM core_image WHERE visit_id IN (SELECT id FROM core_visit WHERE user_id = $1)")
    static let deleteVisits = Statement("user_delete_visits", "DELETE FROM core_visit WHERE user_id = $1")
    static let deleteRequests = Statement("user_delete_requests", "DELETE FROM core_friendrequest WHERE from_user_id = $1 OR to_user_id = $1")
    static let delete = Statement("user_delete", "DELETE FROM core_user WHERE \"userId\" = $1 RETURNING 1")

    static func duplicateField(_ constraint: String?) -> DuplicateValue.Field {
        guard let constraint else { return .userID }
        if constraint.contains("email") { return .email }
        if constraint.contains("phone") { return .phoneNumber }
        return .userID
    }

    public func create(_ user: User) async throws -> User {
        let created = try await BoardHead.forgetting(boardHead, ifFails: { try await insert(user) })
        boardHead?.forget(changeOf: created.id, holding: created.points)
        return created
    }

    private func insert(_ user: User) async throws -> User {
        try await database.transaction { session in
            try session.uniquely(Self.duplicateField) {
                try session.query(
                    Self.insert,
                    [
                        user.id, user.email, user.passwordHash, user.firstName, user.lastName, user.phoneNumber,
                        String(user.points), user.profilePictureURL, user.createdAt.map(SQLTime.parameter),
                    ])
            }
            if user.isStaff { try session.query(Self.grantStaff, [user.id]) }
            return try session.query(Self.byID, [user.id]).first.map(Columns.user) ?? user
        }
    }

    public func find(id: UserID) async throws -> User? {
        try await database.query(Self.byID, [id]).first.map(Columns.user)
    }

    public func find(email: String) async throws -> User? {
        try await database.query(Self.byEmail, [email]).first.map(Columns.user)
    }

    public func find(phoneNumber: String) async throws -> User? {
        try await database.query(Self.byPhone, [phoneNumber]).first.map(Columns.user)
    }

    public func find(ids: Set<UserID>) async throws -> [User] {
        guard !ids.isEmpty else { return [] }
        let parameter = arrayParameter(Array(ids))
        return try await database.query(Self.byIDs, [parameter]).map(Columns.user)
    }

    public func update(_ user: User) async throws -> User? {
        let updated = try await BoardHead.forgetting(boardHead, ifFails: { try await save(user) })
        if let updated { boardHead?.forget(changeOf: updated.id, holding: updated.points) }
        return updated
    }

    private func save(_ user: User) async throws -> User? {
        try await database.transaction { session in
            guard try session.query(Self.byID, [user.id]).first != nil else { return nil }
            try session.uniquely(Self.duplicateField) {
                try session.query(
                    Self.update,
                    [
                        user.id, user.email, user.passwordHash, user.firstName, user.lastName, user.phoneNumber, user.profilePictureURL,
                    ])
            }
            try session.query(user.isStaff ? Self.grantStaff : Self.revokeStaff, [user.id])
            return try session.query(Self.byID, [user.id]).first.map(Columns.user)
        }
    }

    public func search(_ text: String?, _ request: PageRequest) async throws -> Page<User> {
        try page(try await database.query(Self.search, [text] + request.sqlParameters), request) { try Columns.user($0) }
    }

    /// Takes a leaving player's likes out of other players' photo counts; the like rows go with the account.
    static let withdrawLikes = Statement(
        "user_withdraw_likes",
        """
        UPDATE core_image i SET likes = GREATEST(i.likes - 1, 0) FROM mq_image_like k WHERE k.image_id = i.id AND k.user_id = $1
        """)

    public func delete(id: UserID) async throws -> Bool {
        defer { boardHead?.invalidate() }
        return try await database.transaction { session in
            try session.query(Self.withdrawLikes, [id])
            try session.query(Self.deleteImages, [id])
            try session.query(Self.deleteVisits, [id])
            try session.query(Self.deleteRequests, [id])
            return !(try session.query(Self.delete, [id]).isEmpty)
        }
    }
}
