import FoundationEssentials

/// Where friend requests — and so friendships — are kept.
public protocol FriendRequestRepository: Sendable {
    /// Creates a pending request. Throws ``DuplicateValue`` when any request already links the two players,
    /// and ``WaitingRequestLimitReached`` when `from` already has `waitingLimit` pending requests of their
    /// own, counted in the same step as the insert so that concurrent requests cannot pass the limit together.
    func create(from: UserID, to: UserID, at: Date, waitingLimit: Int) async throws -> FriendRequest
    func find(id: FriendRequestID) async throws -> FriendRequest?
    /// The newest request between the two players, in either direction.
    func find(between first: UserID, and second: UserID) async throws -> FriendRequest?
    /// Requests the player sent or received, newest first.
    func requests(involving userID: UserID, _ page: PageRequest) async throws -> Page<FriendRequest>
    /// Stores `request`'s new parties, status and `updatedAt`, but only if its status is still
    /// `expected`: of two concurrent transitions of one request, one wins. Returns the stored request,
    /// or `nil` when it is gone or its status changed in between.
    ///
    /// A transition that makes the two players friends throws ``FriendLimitReached`` when either already
    /// has `friendLimit` friends, changing nothing. The friends are counted in the same step as the
    /// change, so concurrent acceptances involving one player cannot take them past the limit together.
    /// Likewise a transition that makes the request wait again (a rejected request reopened) throws
    /// ``WaitingRequestLimitReached`` when its sender already has `waitingLimit` pending requests.
    func transition(_ request: FriendRequest, from expected: FriendRequest.Status, friendLimit: Int, waitingLimit: Int) async throws
        -> FriendRequest?
    func delete(id: FriendRequestID) async throws -> Bool
    /// Players linked to `userID` by an accepted request in either direction.
    func friends(of userID: UserID) async throws -> [User]
    /// How many players ``friends(of:)`` would return.
    func friendCount(of userID: UserID) async throws -> Int
}

/// A player already has as many friends as the game allows.
public struct FriendLimitReached: Error, Equatable, Sendable {
    /// The player whose circle is full: either party of the request.
    public var playerID: UserID
    public var limit: Int

    public init(playerID: UserID, limit: Int) {
        self.playerID = playerID
        self.limit = limit
    }
}

/// A player already has as many sent requests waiting for an answer as the game allows.
public struct WaitingRequestLimitReached: Error, Equatable, Sendable {
    /// The sender.
    public var playerID: UserID
    public var limit: Int

    public init(playerID: UserID, limit: Int) {
        self.playerID = playerID
        self.limit = limit
    }
}
