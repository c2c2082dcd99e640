import MQDomain

/// Photos in `core_image`; a photo belongs to whoever owns its visit.
public struct PostgresImageRepository: ImageRepository {
    let database: Database

    static let lockVisit = Statement("image_lock_visit", "SELECT 1 FROM core_visit WHERE id = $1 FOR UPDATE")
    static let countOnVisit = Statement("image_count_on_visit", "SELECT count(*) AS photos FROM core_image WHERE visit_id = $1")
    static let add = Statement(
        "image_add",
        """
        INSERT INTO core_image AS i (description, image_url, likes, visit_id) VALUES ($1, $2, 0, $3) RETURNING \(Columns.image)
        """)
    static let owned = Statement(
        "image_owned",
        """
        SELECT \(Columns.image), count(*) OVER () AS total FROM core_image i JOIN core_visit v ON v.id = i.visit_id
        WHERE v.user_id = $1 ORDER BY i.id DESC LIMIT $2 OFFSET $3
        """)
    static let atLocation = Statement(
        "image_at_location",
        """
        SELECT \(Columns.image) FROM core_image i JOIN core_visit v ON v.id = i.visit_id WHERE v.location_id = $1
        ORDER BY i.id DESC LIMIT $2
        """)
    static let countAtLocation = Statement(
        "image_count_at_location",
        """
        SELECT count(*) AS photos FROM core_image i JOIN core_visit v ON v.id = i.visit_id WHERE v.location_id = $1
        """)
    static let byID = Statement(
        "image_by_id",
        """
        SELECT \(Columns.image) FROM core_image i JOIN core_visit v ON v.id = i.visit_id WHERE i.id = $1 AND v.user_id = $2
        """)
    static let describe = Statement(
        "image_describe",
        """
        UPDATE core_image i SET description = $3 FROM core_visit v
        WHERE i.id = $1 AND v.id = i.visit_id AND v.user_id = $2 RETURNING \(Columns.image)
        """)
    static let lockLikes = Statement("image_lock_likes", "SELECT likes FROM core_image WHERE id = $1 FOR UPDATE")
    static let addLike = Statement(
        "image_add_like",
        """
        INSERT INTO mq_image_like (image_id, user_id) SELECT $1, u."userId" FROM core_user u WHERE u."userId" = $2
        ON CONFLICT DO NOTHING RETURNING 1
        """)
    static let removeLike = Statement("image_remove_like", "DELETE FROM mq_image_like WHERE image_id = $1 AND user_id = $2 RETURNING 1")
    static let countLike = Statement(
        "image_count_like",
        """
        UPDATE core_image SET likes = LEAST(GREATEST(likes::bigint + $2, 0), 2147483647) WHERE id = $1 RETURNING likes
        """)
    static let delete = Statement(
        "image_delete",
        """
        DELETE FROM core_image i USING core_visit v WHERE i.id = $1 AND v.id = i.visit_id AND v.user_id = $2 RETURNING 1
        """)

    static let owner = Statement("image_owner", "SELECT v.user_id FROM core_image i JOIN core_visit v ON v.id = i.visit_id WHERE i.id = $1")

    /// Locks the visit's row, so concurrent additions count one after another.
    public func add(_ image: NewImage, to visitID: VisitID, limit: Int) async throws -> Image? {
        try await database.transaction { session in
            guard try !session.query(Self.lockVisit, [String(visitID)]).isEmpty else { return nil }
            let carried = try session.query(Self.countOnVisit, [String(visitID)]).first?.int("photos") ?? 0
            guard carried < limit else { throw PhotoLimitReached(limit: limit) }
            return try session.query(Self.add, [image.description, image.imageURL, String(visitID)]).first.map(Columns.image)
        }
    }

    public func images(ownedBy userID: UserID, _ request: PageRequest) async throws -> Page<Image> {
        try page(try await database.query(Self.owned, [userID] + request.sqlParameters), request, Columns.image)
    }

    public func images(at locationID: LocationID, limit: Int) async throws -> (newest: [Image], total: Int) {
        try await database.run { session in
            let newest = try session.query(Self.atLocation, [locationID, String(limit)]).map(Columns.image)
            let total = newest.count < limit ? newest.count : try session.query(Self.countAtLocation, [locationID]).first?.int("photos") ?? 0
            return (newest, total)
        }
    }

    public func find(id: ImageID, ownedBy userID: UserID) async throws -> Image? {
        try await database.query(Self.byID, [String(id), userID]).first.map(Columns.image)
    }

    public func updateDescription(id: ImageID, ownedBy userID: UserID, description: String) async throws -> Image? {
        try await database.query(Self.describe, [String(id), userID, description]).first.map(Columns.image)
    }

    public func delete(id: ImageID, ownedBy userID: UserID) async throws -> Bool {
        !(try await database.query(Self.delete, [String(id), userID]).isEmpty)
    }

    public func owner(of id: ImageID) async throws -> UserID? {
        try await database.query(Self.owner, [String(id)]).first?.string("user_id")
    }

    /// The photo's row is locked first, so concurrent likes of one photo queue and none is lost; the
    /// primary key of `mq_image_like` keeps one like per player.
    public func like(id: ImageID, by userID: UserID) async throws -> LikeTally? {
        try await changeLike(id: id, by: userID, liked: true)
    }

    public func unlike(id: ImageID, by userID: UserID) async throws -> LikeTally? {
        try await changeLike(id: id, by: userID, liked: false)
    }

    private func changeLike(id: ImageID, by userID: UserID, liked: Bool) async throws -> LikeTally? {
        try await database.transaction { session in
            guard let image = try session.query(Self.lockLikes, [String(id)]).first else { return nil }
            var likes = try image.int("likes")
            if try !session.query(liked ? Self.addLike : Self.removeLike, [String(id), userID]).isEmpty {
                likes = try session.query(Self.countLike, [String(id), liked ? "1" : "-1"]).first?.int("likes") ?? likes
            }
            return LikeTally(likes: likes, liked: liked)
        }
    }
}
