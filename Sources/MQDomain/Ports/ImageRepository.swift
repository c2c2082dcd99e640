/// Where photos attached to visits are kept. Lists are newest first.
public protocol ImageRepository: Sendable {
    /// Attaches an image to a visit; `nil` when the visit no longer exists. Throws ``PhotoLimitReached``
    /// when the visit already carries `limit` photos; concurrent additions never push it past `limit`.
    func add(_ image: NewImage, to visitID: VisitID, limit: Int) async throws -> Image?
    /// Images on the player's visits.
    func images(ownedBy userID: UserID, _ page: PageRequest) async throws -> Page<Image>
    /// The newest `limit` images on visits to the location, and how many there are in all.
    func images(at locationID: LocationID, limit: Int) async throws -> (newest: [Image], total: Int)
    func find(id: ImageID, ownedBy userID: UserID) async throws -> Image?
    func updateDescription(id: ImageID, ownedBy userID: UserID, description: String) async throws -> Image?
    func delete(id: ImageID, ownedBy userID: UserID) async throws -> Bool
    /// The player whose visit carries the image; `nil` when there is no such image.
    func owner(of id: ImageID) async throws -> UserID?
    /// Atomically records that the player likes the photo, once however often or concurrently they ask,
    /// and counts it in the photo's `likes`; a player who does not exist (an account closed meanwhile) is
    /// not counted. `nil` when there is no such photo.
    func like(id: ImageID, by userID: UserID) async throws -> LikeTally?
    /// Atomically takes the player's like back, if they gave one. `nil` when there is no such photo.
    func unlike(id: ImageID, by userID: UserID) async throws -> LikeTally?
}

/// A visit already carries as many photos as it may.
public struct PhotoLimitReached: Error, Equatable, Sendable {
    public var limit: Int

    public init(limit: Int) {
        self.limit = limit
    }
}
