/// A real round trip to whatever keeps the game's data.
public protocol StoreHealth: Sendable {
    /// Returns when the store answered; throws when it cannot be reached.
    func ping() async throws
}
