import FoundationEssentials
import MQDomain

/// Friend requests in `core_friendrequest`. Requests between one pair are created under an advisory
/// lock on the pair, so two players asking each other at once still end up with one request. An
/// acceptance also locks each player's circle, so that two acceptances involving one player count its
/// friends one after the other; a request that starts waiting locks its sender's waiting requests, so that
/// concurrent requests from one player count them one after the other.
public struct PostgresFriendRequestRepository: FriendRequestRepository {
    let database: Database

    static let lockPair = Statement("friend_lock_pair", "SELECT pg_advisory_xact_lock(hashtext(least($1, $2) || '|' || greatest($1, $2)))")
    /// The two players' circles, in the two-key advisory space (class 1) so they never meet the pair
    /// locks, and always the lower key first so that two acceptances cannot wait for each other. Two
    /// players whose keys collide share a lock, which a transaction may take twice.
    static let lockCircles = Statement(
        "friend_lock_circles",
        "SELECT pg_advisory_xact_lock(1, least(hashtext($1), hashtext($2))), pg_advisory_xact_lock(1, greatest(hashtext($1), hashtext($2)))"
    )
    /// A sender's waiting requests, in an advisory space of their own (class 2). Taken after the pair lock,
    /// and never with the circles, so no two transactions take these locks in opposite orders.
    static let lockWaiting = Statement("friend_lock_waiting", "SELECT pg_advisory_xact_lock(2, hashtext($1))")
    static let waitingCount = Statement(
        "friend_waiting_count", "SELECT count(*) AS waiting FROM core_friendrequest f WHERE f.from_user_id = $1 AND f.status = 'pending'")
    /// The friends of `$1` other than `$2` (`NULL`: all of them), down the indexes on accepted requests.
    static let friendCount = Statement(
        "friend_count",
        "SELECT count(*) AS friends FROM (\(Columns.friendsOfFirstParameter)) c WHERE c.id IS DISTINCT FROM $2")
    static let bothExist = Statement("friend_both_exist", "SELECT count(*) AS players FROM core_user WHERE \"userId\" IN ($1, $2)")
    static let insert = Statement(
        "friend_insert",
        """
        INSERT INTO core_friendrequest AS f (status, created_at, updated_at, from_user_id, to_user_id)
        VALUES ('pending', $3::timestamptz, $3::timestamptz, $1, $2) RETURNING \(Columns.friendRequest)
        """)
    static let byID = Statement("friend_by_id", "SELECT \(Columns.friendRequest) FROM core_friendrequest f WHERE f.id = $1")
    static let between = Statement(
        "friend_between",
        """
        SELECT \(Columns.friendRequest) FROM core_friendrequest f
        WHERE (f.from_user_id = $1 AND f.to_user_id = $2) OR (f.from_user_id = $2 AND f.to_user_id = $1)
        ORDER BY f.created_at DESC, f.id DESC LIMIT 1
        """)
    static let involving = Statement(
        "friend_involving",
        """
        SELECT \(Columns.friendRequest), count(*) OVER () AS total FROM core_friendrequest f
        WHERE f.from_user_id = $1 OR f.to_user_id = $1 ORDER BY f.created_at DESC, f.id DESC LIMIT $2 OFFSET $3
        """)
    static let transition = Statement(
        "friend_transition",
        """
        UPDATE core_friendrequest f SET from_user_id = $2, to_user_id = $3, status = $4, updated_at = $5::timestamptz
        WHERE f.id = $1 AND f.status = $6 RETURNING \(Columns.friendRequest)
        """)
    static let delete = Statement("friend_delete", "DELETE FROM core_friendrequest WHERE id = $1 RETURNING 1")
    /// The circle as an array against the card index: one probe per friend whatever the planner guesses
    /// of the circle's size (as `IN (subquery)`, 500 friends among 20,000 players were found by reading
    /// every player).
    static let friends = Statement(
        "friend_friends",
        """
        SELECT \(Columns.user) FROM core_user u WHERE u."userId" COLLATE "C" = ANY (\(Columns.friendIDsOfFirstParameter))
        ORDER BY u.created_at NULLS FIRST, u."userId"
        """)

    public func create(from: UserID, to: UserID, at date: Date, waitingLimit: Int) async throws -> FriendRequest {
        try await database.transaction { session in
            try session.query(Self.lockPair, [from, to])
            guard try session.query(Self.bothExist, [from, to]).first?.int("players") == 2 else { throw MapleQuestError.notFound(.user) }
            guard try session.query(Self.between, [from, to]).isEmpty else { throw DuplicateValue(.friendRequest) }
            try requireRoomForAnotherWaitingRequest(from: from, limit: waitingLimit, in: session)
            return try session.uniquely({ _ in .friendRequest }) {
                try session.query(Self.insert, [from, to, SQLTime.parameter(date)]).map(Columns.friendRequest)[0]
            }
        }
    }

    public func find(id: FriendRequestID) async throws -> FriendRequest? {
        try await database.query(Self.byID, [String(id)]).first.map(Columns.friendRequest)
    }

    public func find(between first: UserID, and second: UserID) async throws -> FriendRequest? {
        try await database.query(Self.between, [first, second]).first.map(Columns.friendRequest)
    }

    public func requests(involving userID: UserID, _ request: PageRequest) async throws -> Page<FriendRequest> {
        try page(try await database.query(Self.involving, [userID] + request.sqlParameters), request, Columns.friendRequest)
    }

    public func transition(_ request: FriendRequest, from expected: FriendRequest.Status, friendLimit: Int, waitingLimit: Int) async throws
        -> FriendRequest?
    {
        try await database.transaction { session in
            try session.query(Self.lockPair, [request.fromUserID, request.toUserID])
            if request.makesFriends(over: expected) {
                try session.query(Self.lockCircles, [request.fromUserID, request.toUserID])
                for player in [request.fromUserID, request.toUserID] {
                    let friends = try session.query(Self.friendCount, [player, request.otherParty(than: player)]).first?.int("friends") ?? 0
                    if friends >= friendLimit { throw FriendLimitReached(playerID: player, limit: friendLimit) }
                }
            }
            if request.startsWaiting(over: expected) {
                try requireRoomForAnotherWaitingRequest(from: request.fromUserID, limit: waitingLimit, in: session)
            }
            do {
                return try session.query(
                    Self.transition,
                    [
                        String(request.id), request.fromUserID, request.toUserID, request.status.rawValue,
                        SQLTime.parameter(request.updatedAt), expected.rawValue,
                    ]
                ).first.map(Columns.friendRequest)
            } catch let error as PostgresError where error.isUniqueViolation {
                return nil
            }
        }
    }

    /// Locks the sender's waiting requests for the rest of the transaction, then counts them.
    private func requireRoomForAnotherWaitingRequest(from senderID: UserID, limit: Int, in session: PostgresSession) throws {
        try session.query(Self.lockWaiting, [senderID])
        let waiting = try session.query(Self.waitingCount, [senderID]).first?.int("waiting") ?? 0
        if waiting >= limit { throw WaitingRequestLimitReached(playerID: senderID, limit: limit) }
    }

    public func delete(id: FriendRequestID) async throws -> Bool {
        !(try await database.query(Self.delete, [String(id)]).isEmpty)
    }

    public func friendCount(of userID: UserID) async throws -> Int {
        try await database.query(Self.friendCount, [userID, nil]).first?.int("friends") ?? 0
    }

    public func friends(of userID: UserID) async throws -> [User] {
        try await database.query(Self.friends, [userID]).map(Columns.user)
    }
}
