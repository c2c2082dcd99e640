/// Where a player's feed is read from.
public protocol FeedRepository: Sendable {
    /// Visits by players linked to `userID` by an accepted friend request, newest first (ties by newest
    /// visit identifier), each with its player, landmark and photos. Never anyone else's.
    func feed(for userID: UserID, _ page: PageRequest) async throws -> Page<FeedItem>
}
