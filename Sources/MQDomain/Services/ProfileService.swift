/// Changes a player may make to their own profile. `nil` leaves a field as it is.
public struct ProfileChanges: Sendable, Equatable {
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    /// `.some(nil)` or `.some("")` removes the phone number.
    public var phoneNumber: String??
    public var profilePictureURL: String?
    /// Only the account route accepts a new password; it is checked against the policy and re-hashed.
    public var password: String?

    public init(
        email: String? = nil, firstName: String? = nil, lastName: String? = nil,
        phoneNumber: String?? = nil, profilePictureURL: String? = nil, password: String? = nil
    ) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.phoneNumber = phoneNumber
        self.profilePictureURL = profilePictureURL
        self.password = password
    }
}

/// A player's own account: reading, editing, points and deletion.
public struct ProfileService: Sendable {
    private let users: any UserRepository
    private let passwords: any PasswordHasher
    private let sessions: any SessionRepository
    private let clock: any WallClock

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    public init(users: any UserRepository, sessions: any SessionRepository, clock: any WallClock = SystemClock(), passwords: any PasswordHasher) {
        self.users = users
        self.passwords = passwords
        self.sessions = sessions
        self.clock = clock
    }

    init(_ dependencies: GameDependencies) {
        self.init(users: dependencies.users, sessions: dependencies.sessions, clock: dependencies.clock, passwords: dependencies.passwords)
    }

    /// The caller's account as the store has it now. Another player's account is never shown: it is
    /// "not found", so that ids cannot be probed.
    public func account(_ userID: UserID, requestedBy caller: User) async throws -> User {
        guard userID == caller.id, let user = try await users.find(id: userID) else {
            throw MapleQuestError.notFound(.user)
        }
        return user
    }

    /// Applies `changes` to the caller's own profile, all or nothing. A new password or email ends every
    /// other sign-in of the account: only `keepingSession` (the caller's own token family) goes on.
    public func update(_ caller: User, with changes: ProfileChanges, keepingSession: String? = nil) async throws -> User {
        guard let stored = try await users.find(id: caller.id) else { throw MapleQuestError.notFound(.user) }
        var user = stored
        var errors = FieldErrors()
        if let raw = changes.email {
            if let email = AuthService.requiredEmail(raw, into: &errors), email != stored.email {
                if try await users.find(email: email) != nil { errors.add("email", UniqueMessage.email) }
                user.email = email
            }
        }
        if let firstName = changes.firstName?.trimmingWhitespace() {
            TextLimit.check(firstName, limit: TextLimit.personName, field: "first_name", into: &errors)
            user.firstName = firstName
        }
        if let lastName = changes.lastName?.trimmingWhitespace() {
            TextLimit.check(lastName, limit: TextLimit.personName, field: "last_name", into: &errors)
            user.lastName = lastName
        }
        if let phoneChange = changes.phoneNumber {
            do throws(FieldErrors) {
                user.phoneNumber = try PhoneNumber.normalized(phoneChange ?? "")
            } catch {
                errors.merge(error)
            }
            if let phone = user.phoneNumber, phone != stored.phoneNumber, try await users.find(phoneNumber: phone) != nil {
                errors.add("phone_no", UniqueMessage.phoneNumber)
            }
        }
        if let picture = changes.profilePictureURL?.trimmingWhitespace() {
            if !picture.isEmpty { WebAddress.check(picture, field: "profile_pic_url", into: &errors) }
            user.profilePictureURL = picture
        }
        if let password = changes.password {
            let account = PasswordPolicy.Account(email: user.email, firstName: user.firstName, lastName: user.lastName)
            let problems = password.isEmpty ? [FieldMessage.blank] : PasswordPolicy.problems(with: password, for: account)
            for problem in problems { errors.add("password", problem) }
        }
        try errors.throwIfAny()

        if let password = changes.password {
            user.passwordHash = try await passwords.hash(password)
        }
        guard let updated = try await UniqueMessage.translating({ try await users.update(user) }) else {
            throw MapleQuestError.notFound(.user)
        }
        if changes.password != nil || updated.email != stored.email {
            try await sessions.endSessions(of: updated.id, keeping: keepingSession, at: clock.now())
        }
        return updated
    }

    /// The caller's points as the server computed them from their visits. A client's claimed points are
    /// validated by the route and never stored.
    public func points(of caller: User) async throws -> Int {
        guard let user = try await users.find(id: caller.id) else { throw MapleQuestError.notFound(.user) }
        return user.points
    }

    /// Deletes the caller's account with their visits, images, friend requests and sessions.
    /// Their tokens stop working at once, because they no longer resolve to an account.
    public func deleteAccount(_ userID: UserID, requestedBy caller: User) async throws {
        guard userID == caller.id, try await users.delete(id: userID) else {
            throw MapleQuestError.notFound(.user)
        }
    }
}

extension ProfileService {
    /// Makes the account with `email` staff. An operator's action, never reachable over HTTP.
    public func grantStaff(email: String) async throws -> User {
        guard let address = EmailAddress.normalized(email), var user = try await users.find(email: address) else {
            throw MapleQuestError.notFound(.user)
        }
        user.isStaff = true
        guard let updated = try await users.update(user) else { throw MapleQuestError.notFound(.user) }
        return updated
    }
}
