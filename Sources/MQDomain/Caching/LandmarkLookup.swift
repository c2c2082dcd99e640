/// Finds a landmark by identifier for reads that name one (a check-in, a feed item): from the catalog
/// when there is one, so it costs no store read and is as fresh as the map; another task's edit reaches
/// it within the catalog's lifetime. A landmark the catalog does not know yet, and every landmark when
/// there is no catalog, is read from the store.
struct LandmarkLookup: Sendable {
    let catalog: LandmarkCatalog?
    let locations: any LocationRepository

    func find(_ id: LocationID) async throws -> Location? {
        if let catalog, let known = try await catalog.find(id: id) { return known }
        return try await locations.find(id: id)
    }
}
