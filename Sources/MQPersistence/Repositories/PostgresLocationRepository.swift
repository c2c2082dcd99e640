import MQDomain

/// Landmarks in `core_location`; their creation order, which Django never stored, in `mq_location_order`.
public struct PostgresLocationRepository: LocationRepository {
    let database: Database

    static let ordered = "FROM core_location l LEFT JOIN mq_location_order o ON o.location_id = l.\"locationId\""
    static let list = Statement(
        "location_list",
        """
        SELECT \(Columns.location), count(*) OVER () AS total \(ordered) ORDER BY o.position NULLS LAST, l."locationId" LIMIT $1 OFFSET $2
        """)
    /// Plain decimal degrees, the grammar ``Coordinate`` reads; anything else is never cast.
    static let decimal = #"'^[ \t]*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)[ \t]*$'"#
    static let nearby = Statement(
        "location_nearby",
        """
        SELECT \(Columns.location), count(*) OVER () AS total \(ordered)
        CROSS JOIN LATERAL (SELECT CASE WHEN l.latitude ~ \(decimal) AND l.longitude ~ \(decimal)
            THEN l.latitude::float8 END AS lat, CASE WHEN l.latitude ~ \(decimal) AND l.longitude ~ \(decimal)
            THEN l.longitude::float8 END AS lon) c
        CROSS JOIN LATERAL (SELECT CASE WHEN c.lat BETWEEN -90 AND 90 AND c.lon BETWEEN -180 AND 180
            THEN asin(least(1, sqrt(power(sin(radians(c.lat - $1::float8) / 2), 2)
                + cos(radians($1::float8)) * cos(radians(c.lat)) * power(sin(radians(c.lon - $2::float8) / 2), 2))))
            END AS arc) d
        ORDER BY d.arc NULLS LAST, o.position NULLS LAST, l."locationId" LIMIT $3 OFFSET $4
        """)
    static let byID = Statement("location_by_id", "SELECT \(Columns.location) FROM core_location l WHERE l.\"locationId\" = $1")
    static let byIDs = Statement("location_by_ids", "SELECT \(Columns.location) FROM core_location l WHERE l.\"locationId\" = ANY($1::varchar[])")
    static let byName = Statement(
        "location_by_name",
        """
        SELECT \(Columns.location) \(ordered) WHERE l.name = $1 ORDER BY o.position NULLS LAST, l."locationId" LIMIT 1
        """)
    static let insert = Statement(
        "location_insert",
        """
        INSERT INTO core_location ("locationId", name, province, latitude, longitude, description, points, default_image_url)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        """)
    static let insertOrder = Statement("location_insert_order", "INSERT INTO mq_location_order (location_id) VALUES ($1)")
    static let update = Statement(
        "location_update",
        """
        UPDATE core_location l SET name = $2, province = $3, latitude = $4, longitude = $5, description = $6, points = $7,
        default_image_url = $8 WHERE l."locationId" = $1 RETURNING \(Columns.location)
        """)
    static let deleteImages = Statement("location_delete_images", "DELETE FROM core_image WHERE visit_id IN (SELECT id FROM core_visit WHERE location_id = $1)")
    static let deleteVisits = Statement("location_delete_visits", "DELETE FROM core_visit WHERE location_id = $1")
    static let delete = Statement("location_delete", "DELETE FROM core_location WHERE \"locationId\" = $1 RETURNING 1")

    public func list(_ request: PageRequest) async throws -> Page<Location> {
        try page(try await database.query(Self.list, request.sqlParameters), request, Columns.location)
    }

    /// Ordered in SQL by the same haversine arc ``Coordinate/distance(to:)`` measures; the distances
    /// themselves are computed from each landmark's coordinates so both stores report identical numbers.
    public func nearby(_ origin: Coordinate, _ request: PageRequest) async throws -> Page<NearbyLocation> {
        let rows = try await database.query(Self.nearby, [String(origin.latitude), String(origin.longitude)] + request.sqlParameters)
        return try page(rows, request) { NearbyLocation(location: try Columns.location($0), from: origin) }
    }

    public func find(id: LocationID) async throws -> Location? {
        try await database.query(Self.byID, [id]).first.map(Columns.location)
    }

    public func find(ids: Set<LocationID>) async throws -> [Location] {
        guard !ids.isEmpty else { return [] }
        return try await database.query(Self.byIDs, [arrayParameter(Array(ids))]).map(Columns.location)
    }

    public func find(name: String) async throws -> Location? {
        try await database.query(Self.byName, [name]).first.map(Columns.location)
    }

    public func create(_ location: Location) async throws -> Location {
        try await database.transaction { session in
            try session.uniquely({ _ in .locationID }) {
                try session.query(Self.insert, Self.parameters(location))
            }
            try session.query(Self.insertOrder, [location.id])
            return location
        }
    }

    public func update(_ location: Location) async throws -> Location? {
        try await database.query(Self.update, Self.parameters(location)).first.map(Columns.location)
    }

    public func delete(id: LocationID) async throws -> Bool {
        try await database.transaction { session in
            try session.query(Self.deleteImages, [id])
            try session.query(Self.deleteVisits, [id])
            return !(try session.query(Self.delete, [id]).isEmpty)
        }
    }

    static func parameters(_ location: Location) -> [String?] {
        [
            location.id, location.name, location.province, location.latitude, location.longitude, location.description,
            String(location.points), location.defaultImageURL,
        ]
    }
}
