/// Where the landmarks are kept, in creation order.
public protocol LocationRepository: Sendable {
    func list(_ page: PageRequest) async throws -> Page<Location>
    /// Landmarks nearest `origin` first (great-circle distance; ties in creation order); those whose
    /// coordinates cannot be read come last.
    func nearby(_ origin: Coordinate, _ page: PageRequest) async throws -> Page<NearbyLocation>
    func find(id: LocationID) async throws -> Location?
    /// The landmarks among `ids` that exist, in no particular order.
    func find(ids: Set<LocationID>) async throws -> [Location]
    func find(name: String) async throws -> Location?
    func create(_ location: Location) async throws -> Location
    /// Returns `nil` when the location no longer exists.
    func update(_ location: Location) async throws -> Location?
    /// Removes the location with every visit to it and their images. Points already awarded stay.
    func delete(id: LocationID) async throws -> Bool
}
