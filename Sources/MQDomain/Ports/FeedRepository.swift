/// Where a player's feed is read from.
public protocol FeedRepository: Sendable {
    /// Visits by players linked to `userID` by an accepted friend request, newest first (ties by newest
    /// visit identifier), each with its photos and its player's card. Never anyone else's.
    func friendVisits(for userID: UserID, _ page: PageRequest) async throws -> Page<FriendVisit>
}
