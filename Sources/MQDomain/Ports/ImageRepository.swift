/// Where photos attached to visits are kept. Lists are newest first.
public protocol ImageRepository: Sendable {
    /// Attaches an image to a visit; `nil` when the visit no longer exists.
    func add(_ image: NewImage, to visitID: VisitID) async throws -> Image?
    /// Images on the player's visits.
    func images(ownedBy userID: UserID, _ page: PageRequest) async throws -> Page<Image>
    /// Every image on every visit to the location.
    func images(at locationID: LocationID) async throws -> [Image]
    func find(id: ImageID, ownedBy userID: UserID) async throws -> Image?
    func updateDescription(id: ImageID, ownedBy userID: UserID, description: String) async throws -> Image?
    func delete(id: ImageID, ownedBy userID: UserID) async throws -> Bool
}
