/// A landmark's identifier: the first 10 characters of a random UUID string.
public typealias LocationID = String

/// A Canadian landmark that players visit for points.
public struct Location: Sendable, Equatable, Hashable {
    public var id: LocationID
    /// Unique in practice: the app finds a landmark by its exact name, and seeding upserts by it.
    public var name: String
    public var province: String
    /// Decimal degrees as text, exactly as stored and as the app decodes it.
    public var latitude: String
    /// Decimal degrees as text, exactly as stored and as the app decodes it.
    public var longitude: String
    public var description: String
    /// Awarded once per player, on their first visit.
    public var points: Int
    public var defaultImageURL: String?

    public init(
        id: LocationID,
        name: String,
        province: String,
        latitude: String,
        longitude: String,
        description: String,
        points: Int,
        defaultImageURL: String?
    ) {
        self.id = id
        self.name = name
        self.province = province
        self.latitude = latitude
        self.longitude = longitude
        self.description = description
        self.points = points
        self.defaultImageURL = defaultImageURL
    }
}
