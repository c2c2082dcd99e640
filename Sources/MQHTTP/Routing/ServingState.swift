import Synchronization

/// Whether the server is still taking new work. Once draining, `/health/` answers 503 so the load
/// balancer stops routing here, while requests already on their way are still served.
public final class ServingState: Sendable {
    private let draining = Atomic<Bool>(false)

    public init() {}

    public var isDraining: Bool { draining.load(ordering: .relaxed) }

    public func beginDraining() {
        draining.store(true, ordering: .relaxed)
    }
}
