/// Every landmark, kept in memory for the public map reads.
///
/// The map is read on every app open, while landmarks change only when staff edit them, so the catalog
/// answers the list, nearby and detail reads from one snapshot of the whole collection. The snapshot is
/// dropped at once by ``invalidate()`` (which ``LocationService`` calls after each of its writes), and is
/// reloaded once it is older than its lifetime, which is how a change made by another task or by an
/// operator command reaches this one.
///
/// Concurrent readers of a stale snapshot share a single reload. A reload that started before a write
/// is never kept. Past ``capacity`` landmarks the catalog stops holding them and every read goes to the
/// store, so memory stays bounded whatever staff create.
public final class LandmarkCatalog: Sendable {
    /// The most landmarks a snapshot holds.
    public static let capacity = 5_000

    private let store: any LocationRepository
    private let snapshots: ExpiringSnapshot<Snapshot>

    /// The catalog the game's settings ask for: `nil` when their cache lifetime is zero.
    convenience init?(_ dependencies: GameDependencies) {
        guard dependencies.landmarkCacheLifetime > .zero else { return nil }
        self.init(store: dependencies.locations, clock: dependencies.clock, lifetime: dependencies.landmarkCacheLifetime)
    }

    /// - Parameter lifetime: how long a snapshot answers before it is reloaded; must be positive.
    public init(store: any LocationRepository, clock: any WallClock, lifetime: Duration) {
        self.store = store
        snapshots = ExpiringSnapshot(clock: clock, lifetime: lifetime) { try await Self.load(from: store) }
    }

    public func list(_ page: PageRequest) async throws -> Page<Location> {
        guard let landmarks = try await snapshot().landmarks else { return try await store.list(page) }
        return landmarks.page(page)
    }

    public func nearby(_ origin: Coordinate, _ page: PageRequest) async throws -> Page<NearbyLocation> {
        guard let landmarks = try await snapshot().landmarks else { return try await store.nearby(origin, page) }
        return landmarks.nearest(to: origin).page(page)
    }

    public func find(id: LocationID) async throws -> Location? {
        let snapshot = try await snapshot()
        guard snapshot.landmarks != nil else { return try await store.find(id: id) }
        return snapshot.byID[id]
    }

    /// Names the snapshot the reads are answered from: it changes with every reload, so anything derived
    /// from a snapshot (an encoded answer) may be kept while this stays the same. `nil` past ``capacity``.
    public func version() async throws -> Int? {
        let loaded = try await snapshots.current()
        return loaded.value.landmarks == nil ? nil : loaded.serial
    }

    /// Forgets the snapshot; the next read loads the landmarks again.
    public func invalidate() {
        snapshots.invalidate()
    }

    private struct Snapshot: Sendable {
        /// In creation order; `nil` when there were more than ``LandmarkCatalog/capacity``.
        var landmarks: [Location]?
        var byID: [LocationID: Location]
    }

    private func snapshot() async throws -> Snapshot {
        try await snapshots.current().value
    }

    private static func load(from store: any LocationRepository) async throws -> Snapshot {
        var landmarks: [Location] = []
        var number = 1
        while true {
            let page = try await store.list(PageRequest(number: number, size: PageRequest.maximumSize))
            landmarks += page.items
            if landmarks.count > capacity { return Snapshot(landmarks: nil, byID: [:]) }
            guard page.hasNext, !page.items.isEmpty else { break }
            number += 1
        }
        let byID = Dictionary(landmarks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return Snapshot(landmarks: landmarks, byID: byID)
    }
}
