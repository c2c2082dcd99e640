import Synchronization

struct InMemoryLocationRepository: LocationRepository {
    let store: InMemoryStore

    func list(_ page: PageRequest) async throws -> Page<Location> {
        store.tables.withLock { tables in
            tables.locationOrder.compactMap { tables.locations[$0] }.page(page)
        }
    }

    func nearby(_ origin: Coordinate, _ page: PageRequest) async throws -> Page<NearbyLocation> {
        store.tables.withLock { tables in
            tables.locationOrder.compactMap { tables.locations[$0] }.nearest(to: origin).page(page)
        }
    }

    func find(id: LocationID) async throws -> Location? {
        store.tables.withLock { $0.locations[id] }
    }

    func find(ids: Set<LocationID>) async throws -> [Location] {
        store.tables.withLock { tables in ids.compactMap { tables.locations[$0] } }
    }

    func find(name: String) async throws -> Location? {
        store.tables.withLock { tables in
            tables.locations.values
                .filter { $0.name == name }
                .min { (tables.locationOrder.firstIndex(of: $0.id) ?? 0) < (tables.locationOrder.firstIndex(of: $1.id) ?? 0) }
        }
    }

    func create(_ location: Location) async throws -> Location {
        try store.tables.withLock { tables in
            guard tables.locations[location.id] == nil else { throw DuplicateValue(.locationID) }
            tables.locations[location.id] = location
            tables.locationOrder.append(location.id)
            return location
        }
    }

    func update(_ location: Location) async throws -> Location? {
        store.tables.withLock { tables in
            guard tables.locations[location.id] != nil else { return nil }
            tables.locations[location.id] = location
            return location
        }
    }

    func delete(id: LocationID) async throws -> Bool {
        store.tables.withLock { tables in
            guard tables.locations.removeValue(forKey: id) != nil else { return false }
            tables.locationOrder.removeAll { $0 == id }
            tables.removeVisits { $0.locationID == id }
            return true
        }
    }
}
