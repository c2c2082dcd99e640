import MQDomain

/// Photos in `core_image`; a photo belongs to whoever owns its visit.
public struct PostgresImageRepository: ImageRepository {
    let database: Database

    static let add = Statement("image_add", """
        INSERT INTO core_image AS i (description, image_url, likes, visit_id)
        SELECT $1, $2, 0, v.id FROM core_visit v WHERE v.id = $3 RETURNING \(Columns.image)
        """)
    static let owned = Statement("image_owned", """
        SELECT \(Columns.image), count(*) OVER () FROM core_image i JOIN core_visit v ON v.id = i.visit_id
        WHERE v.user_id = $1 ORDER BY i.id DESC LIMIT $2 OFFSET $3
        """)
    static let atLocation = Statement("image_at_location", """
        SELECT \(Columns.image) FROM core_image i JOIN core_visit v ON v.id = i.visit_id WHERE v.location_id = $1 ORDER BY i.id DESC
        """)
    static let byID = Statement("image_by_id", """
        SELECT \(Columns.image) FROM core_image i JOIN core_visit v ON v.id = i.visit_id WHERE i.id = $1 AND v.user_id = $2
        """)
    static let describe = Statement("image_describe", """
        UPDATE core_image i SET description = $3 FROM core_visit v
        WHERE i.id = $1 AND v.id = i.visit_id AND v.user_id = $2 RETURNING \(Columns.image)
        """)
    static let delete = Statement("image_delete", """
        DELETE FROM core_image i USING core_visit v WHERE i.id = $1 AND v.id = i.visit_id AND v.user_id = $2 RETURNING 1
        """)

    public func add(_ image: NewImage, to visitID: VisitID) async throws -> Image? {
        try await database.run { try $0.query(Self.add, [image.description, image.imageURL, String(visitID)]).first.map(Columns.image) }
    }

    public func images(ownedBy userID: UserID, _ request: PageRequest) async throws -> Page<Image> {
        try await database.run { page(try $0.query(Self.owned, [userID] + request.sqlParameters), request, Columns.image) }
    }

    public func images(at locationID: LocationID) async throws -> [Image] {
        try await database.run { try $0.query(Self.atLocation, [locationID]).map(Columns.image) }
    }

    public func find(id: ImageID, ownedBy userID: UserID) async throws -> Image? {
        try await database.run { try $0.query(Self.byID, [String(id), userID]).first.map(Columns.image) }
    }

    public func updateDescription(id: ImageID, ownedBy userID: UserID, description: String) async throws -> Image? {
        try await database.run { try $0.query(Self.describe, [String(id), userID, description]).first.map(Columns.image) }
    }

    public func delete(id: ImageID, ownedBy userID: UserID) async throws -> Bool {
        try await database.run { !(try $0.query(Self.delete, [String(id), userID]).isEmpty) }
    }
}
