/// Finds landmarks by identifier for reads that name them (a check-in, a page of the feed): from the
/// catalog when there is one, so they cost no store read and are as fresh as the map; another task's edit
/// reaches them within the catalog's lifetime. Landmarks the catalog does not know yet, and every landmark
/// when there is no catalog, are read from the store, in one read however many there are.
struct LandmarkLookup: Sendable {
    let catalog: LandmarkCatalog?
    let locations: any LocationRepository

    func find(_ id: LocationID) async throws -> Location? {
        if let catalog, let known = try await catalog.find(id: id) { return known }
        return try await locations.find(id: id)
    }

    /// The landmarks among `ids` that exist, by identifier.
    func find(_ ids: some Sequence<LocationID>) async throws -> [LocationID: Location] {
        var found: [LocationID: Location] = [:]
        var missing = Set<LocationID>()
        for id in ids where found[id] == nil && !missing.contains(id) {
            if let catalog, let known = try await catalog.find(id: id) { found[id] = known } else { missing.insert(id) }
        }
        guard !missing.isEmpty else { return found }
        for location in try await locations.find(ids: missing) { found[location.id] = location }
        return found
    }
}
