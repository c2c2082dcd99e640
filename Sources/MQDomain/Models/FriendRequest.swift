import FoundationEssentials

public typealias FriendRequestID = Int

/// A request from one player to another. An accepted request *is* the friendship between the two.
public struct FriendRequest: Sendable, Equatable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case pending
        case accepted
        case rejected
    }

    public var id: FriendRequestID
    public var fromUserID: UserID
    public var toUserID: UserID
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: FriendRequestID, fromUserID: UserID, toUserID: UserID, status: Status, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.fromUserID = fromUserID
        self.toUserID = toUserID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether `userID` sent or received this request.
    public func involves(_ userID: UserID) -> Bool {
        fromUserID == userID || toUserID == userID
    }

    /// The party that is not `userID`.
    public func otherParty(than userID: UserID) -> UserID {
        fromUserID == userID ? toUserID : fromUserID
    }

    /// Whether storing this request over one whose status is `stored` makes its two players friends: the
    /// transition the friend limit applies to (see ``FriendRequestRepository/transition(_:from:friendLimit:waitingLimit:)``).
    public func makesFriends(over stored: Status) -> Bool {
        status == .accepted && stored != .accepted
    }

    /// Whether storing this request over one whose status is `stored` makes it wait for an answer again:
    /// the transition the sender's limit on waiting requests applies to.
    public func startsWaiting(over stored: Status) -> Bool {
        status == .pending && stored != .pending
    }
}

/// A friend request with both players' profiles, as the app shows it.
public struct FriendRequestDetails: Sendable, Equatable {
    public var request: FriendRequest
    public var from: User
    public var to: User

    public init(request: FriendRequest, from: User, to: User) {
        self.request = request
        self.from = from
        self.to = to
    }
}
