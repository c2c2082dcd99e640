import FoundationEssentials

/// A fresh pair of tokens from one sign-in.
public struct TokenPair: Sendable, Equatable {
    public var access: String
    public var refresh: String

    public init(access: String, refresh: String) {
        self.access = access
        self.refresh = refresh
    }
}

/// A signed-in player and their tokens.
public struct SignedIn: Sendable, Equatable {
    public var user: User
    public var tokens: TokenPair
}

/// What a new player submits to register. `nil` means the field was not sent.
public struct Registration: Sendable, Equatable {
    public var email: String?
    public var password: String?
    public var firstName: String?
    public var lastName: String?
    public var phoneNumber: String?

    public init(email: String?, password: String?, firstName: String? = nil, lastName: String? = nil, phoneNumber: String? = nil) {
        self.email = email
        self.password = password
        self.firstName = firstName
        self.lastName = lastName
        self.phoneNumber = phoneNumber
    }
}

/// A signed-in player and the sign-in (token family) their access token belongs to.
public struct PlayerSession: Sendable, Equatable {
    public var user: User
    public var family: String
}

/// Registration, login, token rotation and turning an access token back into a player.
public struct AuthService: Sendable {
    public static let accessTokenLifetime = 3600
    public static let refreshTokenLifetime = 7 * 24 * 3600

    static let invalidTokenMessage = "Token is invalid or expired"
    static let wrongTokenMessage = "Given token not valid for any token type"
    static let missingCredentialsMessage = "Authentication credentials were not provided."
    static let unknownUserMessage = "User not found"

    private let users: any UserRepository
    private let sessions: any SessionRepository
    private let passwords: any PasswordHasher
    private let tokens: any TokenSigner
    private let clock: any WallClock
    private let ids: any IdentifierSource
    private let failedLogins: RateLimiter
    private let refreshes: RateLimiter
    private let registrations: RateLimiter

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    public init(
        users: any UserRepository, sessions: any SessionRepository, clock: any WallClock = SystemClock(), ids: any IdentifierSource = RandomIdentifierSource(),
        passwords: any PasswordHasher, tokens: any TokenSigner, limits: GameLimits = .standard
    ) {
        self.failedLogins = RateLimiter(limits.failedLogins)
        self.refreshes = RateLimiter(limits.refreshes)
        self.registrations = RateLimiter(limits.registrations)
        self.users = users
        self.sessions = sessions
        self.passwords = passwords
        self.tokens = tokens
        self.clock = clock
        self.ids = ids
    }

    init(_ dependencies: GameDependencies) {
        self.init(
            users: dependencies.users, sessions: dependencies.sessions, clock: dependencies.clock, ids: dependencies.ids, passwords: dependencies.passwords,
            tokens: dependencies.tokens, limits: dependencies.limits)
    }

    /// Creates an account and signs it in.
    public func register(_ registration: Registration) async throws -> SignedIn {
        var errors = FieldErrors()
        let email = Self.requiredEmail(registration.email, into: &errors)
        let firstName = (registration.firstName ?? "").trimmingWhitespace()
        let lastName = (registration.lastName ?? "").trimmingWhitespace()
        TextLimit.check(firstName, limit: TextLimit.personName, field: "first_name", into: &errors)
        TextLimit.check(lastName, limit: TextLimit.personName, field: "last_name", into: &errors)
        var phoneNumber: String?
        do throws(FieldErrors) {
            phoneNumber = try PhoneNumber.normalized(registration.phoneNumber ?? "")
        } catch {
            errors.merge(error)
        }
        switch registration.password {
        case nil: errors.add("password", FieldMessage.required)
        case ""?: errors.add("password", FieldMessage.blank)
        case let password?:
            let account = PasswordPolicy.Account(email: email ?? "", firstName: firstName, lastName: lastName)
            for problem in PasswordPolicy.problems(with: password, for: account) { errors.add("password", problem) }
        }
        if let email {
            try registrations.check(email).orThrow()
            if try await users.find(email: email) != nil { errors.add("email", UniqueMessage.email) }
        }
        if let phoneNumber, try await users.find(phoneNumber: phoneNumber) != nil {
            errors.add("phone_no", UniqueMessage.phoneNumber)
        }
        if !errors.isEmpty, let email { registrations.spend(email) }
        try errors.throwIfAny()

        let user = User(
            id: ids.newUserID(),
            email: email!,
            passwordHash: try await passwords.hash(registration.password!),
            firstName: firstName,
            lastName: lastName,
            phoneNumber: phoneNumber,
            createdAt: clock.now()
        )
        let created = try await UniqueMessage.translating { try await users.create(user) }
        return SignedIn(user: created, tokens: try await issueTokens(for: created))
    }

    /// Signs a player in. Unknown emails and wrong passwords get the same answer after the same work.
    /// An account with too many recent failures is refused before any password is checked.
    public func login(email: String?, password: String?) async throws -> SignedIn {
        var errors = FieldErrors()
        let email = Self.requiredEmail(email, into: &errors)
        switch password {
        case nil: errors.add("password", FieldMessage.required)
        case ""?: errors.add("password", FieldMessage.blank)
        case let password?: TextLimit.check(password, limit: TextLimit.password, field: "password", into: &errors)
        }
        try errors.throwIfAny()

        try failedLogins.check(email!).orThrow()
        let user = try await users.find(email: email!)
        guard try await passwords.verify(password!, against: user?.passwordHash), let user else {
            failedLogins.spend(email!)
            throw MapleQuestError.invalidCredentials
        }
        failedLogins.reset(email!)
        return SignedIn(user: user, tokens: try await issueTokens(for: user))
    }

    /// Rotates a refresh token: the presented one is spent, and a new pair joins its family.
    /// Presenting a spent token again revokes the whole family.
    public func refresh(_ refreshToken: String?) async throws -> TokenPair {
        guard let refreshToken else { throw MapleQuestError.invalid(FieldErrors("refresh", FieldMessage.required)) }
        guard let claims = try? tokens.verify(refreshToken), claims.kind == .refresh, !isExpired(claims) else {
            throw MapleQuestError.tokenNotValid(Self.invalidTokenMessage)
        }
        try refreshes.spend(claims.userID).orThrow()
        guard let user = try await users.find(id: claims.userID) else {
            throw MapleQuestError.tokenNotValid(Self.invalidTokenMessage)
        }
        let family = TokenFamily.of(claims.tokenID)
        let next = newClaims(for: user, family: family)
        let redemption = try await sessions.rotate(
            family: family, presented: claims.tokenID, next: next.refresh.tokenID, userID: user.id,
            issuedAt: Date(timeIntervalSince1970: TimeInterval(claims.issuedAt)),
            expiresAt: Date(timeIntervalSince1970: TimeInterval(next.refresh.expiresAt)))
        switch redemption {
        case .redeemed:
            return TokenPair(access: try tokens.sign(next.access), refresh: try tokens.sign(next.refresh))
        case .replayed(let family):
            try await sessions.revoke(family: family)
            throw MapleQuestError.tokenNotValid(Self.invalidTokenMessage)
        case .revoked:
            throw MapleQuestError.tokenNotValid(Self.invalidTokenMessage)
        }
    }

    /// The player an access token speaks for. Refresh tokens, expired or revoked tokens, and tokens of
    /// deleted accounts are refused.
    public func authenticate(accessToken: String?) async throws -> User {
        try await session(accessToken: accessToken).user
    }

    /// The player an access token speaks for, with the sign-in it belongs to: what a change of password
    /// or email keeps alive while it ends every other session.
    public func session(accessToken: String?) async throws -> PlayerSession {
        guard let accessToken, !accessToken.isEmpty else {
            throw MapleQuestError.notAuthenticated(Self.missingCredentialsMessage)
        }
        guard let claims = try? tokens.verify(accessToken), claims.kind == .access, !isExpired(claims) else {
            throw MapleQuestError.tokenNotValid(Self.wrongTokenMessage)
        }
        let family = TokenFamily.of(claims.tokenID)
        let issuedAt = Date(timeIntervalSince1970: TimeInterval(claims.issuedAt))
        switch try await sessions.account(claims.userID, family: family, issuedAt: issuedAt) {
        case .active(let user): return PlayerSession(user: user, family: family)
        case .revoked: throw MapleQuestError.tokenNotValid(Self.wrongTokenMessage)
        case .missing: throw MapleQuestError.tokenNotValid(Self.unknownUserMessage)
        }
    }

    /// Ends one sign-in: its family is revoked, so its access and refresh tokens stop working at once.
    public func signOut(_ session: PlayerSession) async throws {
        try await sessions.revoke(family: session.family)
    }

    /// Issues an access and a refresh token for a new sign-in, recorded as a new family.
    private func issueTokens(for user: User) async throws -> TokenPair {
        let family = TokenFamily.of(ids.newTokenID())
        let pair = newClaims(for: user, family: family)
        try await sessions.begin(
            family: family, userID: user.id, refreshTokenID: pair.refresh.tokenID,
            expiresAt: Date(timeIntervalSince1970: TimeInterval(pair.refresh.expiresAt)))
        return TokenPair(access: try tokens.sign(pair.access), refresh: try tokens.sign(pair.refresh))
    }

    /// The claims of a new access and refresh token in `family`: each id is the family followed by 16
    /// random hexadecimal characters, 32 in all like the old backend's.
    private func newClaims(for user: User, family: String) -> (access: TokenClaims, refresh: TokenClaims) {
        let now = Int(clock.now().timeIntervalSince1970)
        let access = TokenClaims(
            kind: .access, tokenID: family + TokenFamily.of(ids.newTokenID()), userID: user.id, email: user.email,
            issuedAt: now, expiresAt: now + Self.accessTokenLifetime)
        let refresh = TokenClaims(
            kind: .refresh, tokenID: family + TokenFamily.of(ids.newTokenID()), userID: user.id, email: user.email,
            issuedAt: now, expiresAt: now + Self.refreshTokenLifetime)
        return (access, refresh)
    }

    private func isExpired(_ claims: TokenClaims) -> Bool {
        TimeInterval(claims.expiresAt) <= clock.now().timeIntervalSince1970
    }

    /// The normalised email, or `nil` with the field's message added to `errors`.
    static func requiredEmail(_ raw: String?, into errors: inout FieldErrors) -> String? {
        guard let raw else {
            errors.add("email", FieldMessage.required)
            return nil
        }
        if raw.trimmingWhitespace().isEmpty {
            errors.add("email", FieldMessage.blank)
            return nil
        }
        guard let email = EmailAddress.normalized(raw) else {
            errors.add("email", raw.count > EmailAddress.maximumLength ? FieldMessage.tooLong(EmailAddress.maximumLength) : FieldMessage.invalidEmail)
            return nil
        }
        return email
    }
}
