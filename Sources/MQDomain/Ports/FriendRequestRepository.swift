import FoundationEssentials

/// Where friend requests — and so friendships — are kept.
public protocol FriendRequestRepository: Sendable {
    /// Creates a pending request. Throws ``DuplicateValue`` when any request already links the two players.
    func create(from: UserID, to: UserID, at: Date) async throws -> FriendRequest
    func find(id: FriendRequestID) async throws -> FriendRequest?
    /// The newest request between the two players, in either direction.
    func find(between first: UserID, and second: UserID) async throws -> FriendRequest?
    /// Requests the player sent or received, newest first.
    func requests(involving userID: UserID, _ page: PageRequest) async throws -> Page<FriendRequest>
    /// Stores `request`'s new parties, status and `updatedAt`, but only if its status is still
    /// `expected`: of two concurrent transitions of one request, one wins. Returns the stored request,
    /// or `nil` when it is gone or its status changed in between.
    func transition(_ request: FriendRequest, from expected: FriendRequest.Status) async throws -> FriendRequest?
    func delete(id: FriendRequestID) async throws -> Bool
    /// Players linked to `userID` by an accepted request in either direction.
    func friends(of userID: UserID) async throws -> [User]
}
