import FoundationEssentials

/// What "add friend" did.
public struct AddFriendOutcome: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A new request was sent, or a rejected one reopened as pending from the caller.
        case sent
        /// The caller had already sent a pending request.
        case alreadySent
        /// The two were already friends.
        case alreadyFriends
        /// The other player had already asked: their request is now accepted.
        case accepted
    }

    public var kind: Kind
    public var request: FriendRequestDetails
}

/// Friend requests and the friendships they become.
///
/// A request goes pending → accepted or rejected, only by its recipient; a rejected request can be
/// accepted later, or reopened by either player through "add friend". Deleting a request cancels it, or
/// ends the friendship.
///
/// A player has at most ``GameLimits/friendsPerPlayer`` friends: a player whose circle is full cannot
/// send or reopen a request, and no request is accepted while either player's circle is full. A player
/// has at most ``GameLimits/waitingRequestsPerPlayer`` sent requests waiting for an answer: past that,
/// sending or reopening one is refused until one is answered or cancelled.
public struct FriendService: Sendable {
    static let selfRequestMessage = "You cannot send a friend request to yourself"

    private let requests: any FriendRequestRepository
    private let users: any UserRepository
    private let clock: any WallClock
    private let lookups: RateLimiter
    private let friendLimit: Int
    private let waitingLimit: Int

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    public init(users: any UserRepository, friendRequests: any FriendRequestRepository, clock: any WallClock = SystemClock(), limits: GameLimits = .standard) {
        self.lookups = RateLimiter(limits.friendLookups)
        self.friendLimit = limits.friendsPerPlayer
        self.waitingLimit = limits.waitingRequestsPerPlayer
        self.requests = friendRequests
        self.users = users
        self.clock = clock
    }

    init(_ dependencies: GameDependencies) {
        self.init(users: dependencies.users, friendRequests: dependencies.friendRequests, clock: dependencies.clock, limits: dependencies.limits)
    }

    /// Sends a request to the player with id `targetID`.
    public func send(to targetID: UserID?, from caller: User) async throws -> FriendRequestDetails {
        guard let targetID else { throw MapleQuestError.invalid(FieldErrors("to_user", FieldMessage.required)) }
        guard TextLimit.isStorable(targetID), let target = try await users.find(id: targetID) else {
            throw MapleQuestError.invalid(FieldErrors("to_user", .unknownReference(targetID)))
        }
        guard target.id != caller.id else {
            throw MapleQuestError.invalid(FieldErrors("to_user", Self.selfRequestMessage))
        }
        try await requireRoomForAnotherFriend(caller)
        let request: FriendRequest
        do {
            request = try await create(from: caller, to: target)
        } catch is DuplicateValue {
            throw MapleQuestError.invalid(FieldErrors("to_user", "A friend request between you and this user already exists."))
        }
        return FriendRequestDetails(request: request, from: caller, to: target)
    }

    /// Adds a friend found by email or phone number, doing whatever the pair's history calls for.
    public func addFriend(email: String?, phoneNumber: String?, by caller: User) async throws -> AddFriendOutcome {
        let email = email?.trimmingWhitespace() ?? ""
        let phone = phoneNumber?.trimmingWhitespace() ?? ""
        guard !email.isEmpty || !phone.isEmpty else { throw MapleQuestError.rejected("Either email or phone_no is required") }
        try lookups.spend(caller.id).orThrow()
        let target: User?
        if !email.isEmpty {
            target = try await EmailAddress.normalized(email).asyncFlatMap { try await users.find(email: $0) }
        } else {
            target = try await ((try? PhoneNumber.normalized(phone)) ?? nil).asyncFlatMap { try await users.find(phoneNumber: $0) }
        }
        guard let target else { throw MapleQuestError.notFound(.playerByContact) }
        guard target.id != caller.id else { throw MapleQuestError.rejected(Self.selfRequestMessage) }

        for _ in 0..<3 {
            if let outcome = try await addFriendOnce(target, by: caller) { return outcome }
        }
        throw MapleQuestError.rejected("The friend request changed while it was being updated; try again.")
    }

    /// One attempt; `nil` when a concurrent change to the same request got there first.
    private func addFriendOnce(_ target: User, by caller: User) async throws -> AddFriendOutcome? {
        guard var existing = try await requests.find(between: caller.id, and: target.id) else {
            try await requireRoomForAnotherFriend(caller)
            do {
                let created = try await create(from: caller, to: target)
                return AddFriendOutcome(kind: .sent, request: details(created, caller, target))
            } catch is DuplicateValue {
                return nil
            }
        }
        switch (existing.status, existing.fromUserID == caller.id) {
        case (.accepted, _):
            return AddFriendOutcome(kind: .alreadyFriends, request: details(existing, caller, target))
        case (.pending, true):
            return AddFriendOutcome(kind: .alreadySent, request: details(existing, caller, target))
        case (.pending, false):
            existing.status = .accepted
            existing.updatedAt = clock.now()
            guard let accepted = try await transition(existing, from: .pending, by: caller) else { return nil }
            return AddFriendOutcome(kind: .accepted, request: details(accepted, caller, target))
        case (.rejected, _):
            try await requireRoomForAnotherFriend(caller)
            existing.fromUserID = caller.id
            existing.toUserID = target.id
            existing.status = .pending
            existing.updatedAt = clock.now()
            guard let reopened = try await transition(existing, from: .rejected, by: caller) else { return nil }
            return AddFriendOutcome(kind: .sent, request: details(reopened, caller, target))
        }
    }

    /// Requests the caller sent or received, newest first, with both players' profiles.
    public func requests(involving caller: User, _ page: PageRequest) async throws -> Page<FriendRequestDetails> {
        try page.requireValid()
        let found = try await requests.requests(involving: caller.id, page).requireExisting()
        let ids = Set(found.items.flatMap { [$0.fromUserID, $0.toUserID] })
        let people = Dictionary(try await users.find(ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return Page(
            items: found.items.compactMap { request in
                guard let from = people[request.fromUserID], let to = people[request.toUserID] else { return nil }
                return FriendRequestDetails(request: request, from: from, to: to)
            },
            totalCount: found.totalCount, request: found.request)
    }

    public func request(_ id: FriendRequestID, for caller: User) async throws -> FriendRequestDetails {
        let request = try await involvedRequest(id, caller)
        let ids: Set<UserID> = [request.fromUserID, request.toUserID]
        let people = try await users.find(ids: ids)
        guard let from = people.first(where: { $0.id == request.fromUserID }),
            let to = people.first(where: { $0.id == request.toUserID })
        else { throw MapleQuestError.notFound(.friendRequest) }
        return FriendRequestDetails(request: request, from: from, to: to)
    }

    /// The recipient accepts. Accepting an accepted request changes nothing.
    public func accept(_ id: FriendRequestID, by caller: User) async throws -> FriendRequest {
        try await respond(id, by: caller, with: .accepted, refusal: "You can only accept friend requests sent to you")
    }

    /// The recipient declines. A friendship is ended by deleting the request instead.
    public func reject(_ id: FriendRequestID, by caller: User) async throws -> FriendRequest {
        try await respond(id, by: caller, with: .rejected, refusal: "You can only reject friend requests sent to you")
    }

    private func respond(_ id: FriendRequestID, by caller: User, with answer: FriendRequest.Status, refusal: String) async throws -> FriendRequest {
        var request = try await involvedRequest(id, caller)
        guard request.toUserID == caller.id else { throw MapleQuestError.forbidden(refusal) }
        if request.status == answer { return request }
        if request.status == .accepted {
            throw MapleQuestError.rejected("You are already friends; remove the friend request to end the friendship.")
        }
        let previous = request.status
        request.status = answer
        request.updatedAt = clock.now()
        guard let updated = try await transition(request, from: previous, by: caller) else {
            throw MapleQuestError.rejected("The friend request changed while it was being updated; try again.")
        }
        return updated
    }

    /// Cancels a request, or ends the friendship it stands for. Either player may.
    public func remove(_ id: FriendRequestID, by caller: User) async throws {
        _ = try await involvedRequest(id, caller)
        guard try await requests.delete(id: id) else { throw MapleQuestError.notFound(.friendRequest) }
    }

    /// Players with an accepted request to or from the caller.
    public func friends(of caller: User) async throws -> [User] {
        try await requests.friends(of: caller.id)
    }

    /// Refuses a new request from a player whose circle is already full: it could never be accepted.
    private func requireRoomForAnotherFriend(_ caller: User) async throws {
        guard try await requests.friendCount(of: caller.id) < friendLimit else {
            throw refusal(FriendLimitReached(playerID: caller.id, limit: friendLimit), to: caller)
        }
    }

    /// The repository's new request, with the limit on waiting requests applied and its refusal in words.
    private func create(from caller: User, to target: User) async throws -> FriendRequest {
        do {
            return try await requests.create(from: caller.id, to: target.id, at: clock.now(), waitingLimit: waitingLimit)
        } catch let full as WaitingRequestLimitReached {
            throw refusal(full)
        }
    }

    /// The repository's transition, with both limits applied and their refusals in the caller's words.
    private func transition(_ request: FriendRequest, from expected: FriendRequest.Status, by caller: User) async throws -> FriendRequest? {
        do {
            return try await requests.transition(request, from: expected, friendLimit: friendLimit, waitingLimit: waitingLimit)
        } catch let full as FriendLimitReached {
            throw refusal(full, to: caller)
        } catch let full as WaitingRequestLimitReached {
            throw refusal(full)
        }
    }

    private func refusal(_ full: FriendLimitReached, to caller: User) -> MapleQuestError {
        full.playerID == caller.id
            ? .rejected("You already have \(full.limit) friends, the most a player can have; remove one to add another.")
            : .rejected("This player already has \(full.limit) friends, the most a player can have.")
    }

    private func refusal(_ full: WaitingRequestLimitReached) -> MapleQuestError {
        .rejected(
            "You have \(full.limit) friend requests waiting for an answer, the most a player can have; cancel one to send another.")
    }

    private func involvedRequest(_ id: FriendRequestID, _ caller: User) async throws -> FriendRequest {
        guard let request = try await requests.find(id: id), request.involves(caller.id) else {
            throw MapleQuestError.notFound(.friendRequest)
        }
        return request
    }

    private func details(_ request: FriendRequest, _ caller: User, _ target: User) -> FriendRequestDetails {
        request.fromUserID == caller.id
            ? FriendRequestDetails(request: request, from: caller, to: target)
            : FriendRequestDetails(request: request, from: target, to: caller)
    }
}
