/// One player as an operator sees them: the account, their visits and their friends.
public struct PlayerOverview: Sendable {
    public var user: User
    /// The newest visits, at most ``ModerationService/visitsShown``.
    public var visits: [Visit]
    public var visitCount: Int
    public var friends: [User]
}

/// What staff and operators may do to any player or photo — the same rules and cascades as the player's
/// own actions: a deleted account takes its visits, photos, friend requests and sessions with it; a new
/// password ends every session; a deleted photo leaves its visit (and the visit's points) in place.
/// Every change is written to the audit log with its actor. Never reachable over the public API.
public struct ModerationService: Sendable {
    /// The most visits an overview lists.
    public static let visitsShown = 20

    private let users: any UserRepository
    private let visits: any VisitRepository
    private let images: any ImageRepository
    private let friendRequests: any FriendRequestRepository
    private let profiles: ProfileService
    private let audit: AuditService
    private let passwords: any PasswordHasher
    private let ids: any IdentifierSource
    private let clock: any WallClock

    public init(_ dependencies: GameDependencies) {
        passwords = dependencies.passwords
        ids = dependencies.ids
        clock = dependencies.clock
        audit = AuditService(dependencies)
        users = dependencies.users
        visits = dependencies.visits
        images = dependencies.images
        friendRequests = dependencies.friendRequests
        profiles = ProfileService(dependencies)
    }

    /// Players whose email, phone number or name contains `text` (any case), newest sign-ups first;
    /// everyone when `text` is empty.
    public func players(matching text: String?, _ page: PageRequest) async throws -> Page<User> {
        try page.requireValid()
        let query = text?.trimmingWhitespace() ?? ""
        return try await users.search(query.isEmpty ? nil : query, page)
    }

    /// The account with this id, or this email address.
    public func player(_ idOrEmail: String) async throws -> User {
        let found: User?
        if idOrEmail.contains("@") {
            found = try await EmailAddress.normalized(idOrEmail).asyncFlatMap { try await users.find(email: $0) }
        } else {
            found = try await users.find(id: idOrEmail)
        }
        guard let found else { throw MapleQuestError.notFound(.user) }
        return found
    }

    public func overview(of idOrEmail: String) async throws -> PlayerOverview {
        let user = try await player(idOrEmail)
        let page = try await visits.visits(of: user.id, PageRequest(number: 1, size: Self.visitsShown))
        let friends = try await friendRequests.friends(of: user.id)
        return PlayerOverview(user: user, visits: page.items, visitCount: page.totalCount, friends: friends)
    }

    /// Deletes the account with everything that hangs off it; its tokens stop working at once.
    @discardableResult
    public func deleteAccount(_ idOrEmail: String, by actor: StaffActor) async throws -> User {
        try actor.requireStaff()
        let user = try await player(idOrEmail)
        guard try await users.delete(id: user.id) else { throw MapleQuestError.notFound(.user) }
        try await audit.record(actor, "user.delete", Self.describe(user))
        return user
    }

    /// Sets a new password, checked against the same policy as the player's own, and ends every session.
    @discardableResult
    public func setPassword(of idOrEmail: String, to password: String, by actor: StaffActor) async throws -> User {
        try actor.requireStaff()
        let user = try await player(idOrEmail)
        let updated = try await profiles.update(user, with: ProfileChanges(password: password))
        try await audit.record(actor, "user.set_password", Self.describe(updated))
        return updated
    }

    /// Grants or revokes staff rights (location and achievement changes).
    @discardableResult
    public func setStaff(_ idOrEmail: String, _ isStaff: Bool, by actor: StaffActor) async throws -> User {
        try actor.requireStaff()
        var user = try await player(idOrEmail)
        user.isStaff = isStaff
        guard let updated = try await users.update(user) else { throw MapleQuestError.notFound(.user) }
        try await audit.record(actor, isStaff ? "user.grant_staff" : "user.revoke_staff", Self.describe(updated))
        return updated
    }

    /// Removes a photo, whoever posted it. Its visit and the visit's points stay.
    public func deletePhoto(_ id: ImageID, by actor: StaffActor) async throws {
        try actor.requireStaff()
        guard let owner = try await images.owner(of: id), try await images.delete(id: id, ownedBy: owner) else {
            throw MapleQuestError.notFound(.image)
        }
        try await audit.record(actor, "photo.delete", "photo \(id) of user \(owner)")
    }

    /// Creates a staff account with this email and password, or makes an existing account staff, for a
    /// store that starts empty (the embedded default's `ADMIN_EMAIL`). The operator chose the password, so
    /// it is not refused; what the player policy would say about it is returned, for a warning.
    public func createStaffAccount(email: String, password: String) async throws -> (user: User, passwordProblems: [String]) {
        var errors = FieldErrors()
        let address = AuthService.requiredEmail(email, into: &errors)
        if password.isEmpty { errors.add("password", FieldMessage.blank) }
        try errors.throwIfAny()
        let actor = StaffActor.operatorCommand("ADMIN_EMAIL at start")
        let problems = PasswordPolicy.problems(with: password, for: PasswordPolicy.Account(email: address!, firstName: "", lastName: ""))
        if let existing = try await users.find(email: address!) {
            return (try await setStaff(existing.id, true, by: actor), problems)
        }
        let user = User(id: ids.newUserID(), email: address!, passwordHash: try await passwords.hash(password), createdAt: clock.now(), isStaff: true)
        let created = try await UniqueMessage.translating { try await users.create(user) }
        try await audit.record(actor, "user.create_staff", Self.describe(created))
        return (created, problems)
    }

    static func describe(_ user: User) -> String {
        "user \(user.id) (\(user.email))"
    }
}
