import FoundationEssentials
import Synchronization

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
    private let clock: any WallClock
    private let lifetime: TimeInterval
    private let state = Mutex(State())

    /// The catalog the game's settings ask for: `nil` when their cache lifetime is zero.
    convenience init?(_ dependencies: GameDependencies) {
        guard dependencies.landmarkCacheLifetime > .zero else { return nil }
        self.init(store: dependencies.locations, clock: dependencies.clock, lifetime: dependencies.landmarkCacheLifetime)
    }

    /// - Parameter lifetime: how long a snapshot answers before it is reloaded; must be positive.
    public init(store: any LocationRepository, clock: any WallClock, lifetime: Duration) {
        self.store = store
        self.clock = clock
        let parts = lifetime.components
        self.lifetime = TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
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
        let snapshot = try await snapshot()
        return snapshot.landmarks == nil ? nil : snapshot.serial
    }

    /// Forgets the snapshot; the next read loads the landmarks again.
    public func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.snapshot = nil
            state.reload = nil
        }
    }

    private struct Snapshot: Sendable {
        /// In creation order; `nil` when there were more than ``LandmarkCatalog/capacity``.
        var landmarks: [Location]?
        var byID: [LocationID: Location]
        var takenAt: Date
        /// Which load this is: no two snapshots share one.
        var serial: Int
    }

    private struct State: Sendable {
        var snapshot: Snapshot?
        /// Moves on with every invalidation, so that a reload begun before it is not kept.
        var generation = 0
        var reload: (generation: Int, task: Task<Snapshot, any Error>)?
        var loads = 0
    }

    private func snapshot() async throws -> Snapshot {
        let now = clock.now()
        let fresh = state.withLock { state in state.snapshot.flatMap { isFresh($0, at: now) ? $0 : nil } }
        if let fresh { return fresh }
        let pending = state.withLock { state in
            if let reload = state.reload, reload.generation == state.generation { return reload }
            let store = self.store
            state.loads += 1
            let serial = state.loads
            let reload = (generation: state.generation, task: Task { try await Self.load(from: store, takenAt: now, serial: serial) })
            state.reload = reload
            return reload
        }
        do {
            let snapshot = try await pending.task.value
            state.withLock { state in
                // A waiter that resumes late must not put back an older snapshot than one already kept.
                guard state.generation == pending.generation, (state.snapshot?.serial ?? 0) < snapshot.serial else { return }
                state.snapshot = snapshot
                if state.reload?.task == pending.task { state.reload = nil }
            }
            return snapshot
        } catch {
            state.withLock { state in
                if state.reload?.task == pending.task { state.reload = nil }
            }
            throw error
        }
    }

    private func isFresh(_ snapshot: Snapshot, at now: Date) -> Bool {
        let age = now.timeIntervalSince(snapshot.takenAt)
        return age >= 0 && age < lifetime
    }

    private static func load(from store: any LocationRepository, takenAt: Date, serial: Int) async throws -> Snapshot {
        var landmarks: [Location] = []
        var number = 1
        while true {
            let page = try await store.list(PageRequest(number: number, size: PageRequest.maximumSize))
            landmarks += page.items
            if landmarks.count > capacity { return Snapshot(landmarks: nil, byID: [:], takenAt: takenAt, serial: serial) }
            guard page.hasNext, !page.items.isEmpty else { break }
            number += 1
        }
        let byID = Dictionary(landmarks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return Snapshot(landmarks: landmarks, byID: byID, takenAt: takenAt, serial: serial)
    }
}
