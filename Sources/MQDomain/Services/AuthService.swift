import Foundation

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

    init(_ dependencies: GameDependencies) {
        users = dependencies.users
        sessions = dependencies.sessions
        passwords = dependencies.passwords
        tokens = dependencies.tokens
        clock = dependencies.clock
        ids = dependencies.ids
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
        if let email, try await users.find(email: email) != nil {
            errors.add("email", UniqueMessage.email)
        }
        if let phoneNumber, try await users.find(phoneNumber: phoneNumber) != nil {
            errors.add("phone_no", UniqueMessage.phoneNumber)
        }
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
        return SignedIn(user: created, tokens: try await issueTokens(for: created, family: nil))
    }

    /// Signs a player in. Unknown emails and wrong passwords get the same answer after the same work.
    public func login(email: String?, password: String?) async throws -> SignedIn {
        var errors = FieldErrors()
        let email = Self.requiredEmail(email, into: &errors)
        switch password {
        case nil: errors.add("password", FieldMessage.required)
        case ""?: errors.add("password", FieldMessage.blank)
        default: break
        }
        try errors.throwIfAny()

        let user = try await users.find(email: email!)
        guard await passwords.verify(password!, against: user?.passwordHash), let user else {
            throw MapleQuestError.invalidCredentials
        }
        return SignedIn(user: user, tokens: try await issueTokens(for: user, family: nil))
    }

    /// Rotates a refresh token: the presented one is spent, and a new pair joins its family.
    /// Presenting a spent token again revokes the whole family.
    public func refresh(_ refreshToken: String?) async throws -> TokenPair {
        guard let refreshToken else { throw MapleQuestError.invalid(FieldErrors("refresh", FieldMessage.required)) }
        guard let claims = try? tokens.verify(refreshToken), claims.kind == .refresh, !isExpired(claims) else {
            throw MapleQuestError.tokenNotValid(Self.invalidTokenMessage)
        }
        guard let user = try await users.find(id: claims.userID) else {
            throw MapleQuestError.tokenNotValid(Self.invalidTokenMessage)
        }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(claims.expiresAt))
        switch try await sessions.redeem(refreshTokenID: claims.tokenID, userID: user.id, expiresAt: expiresAt) {
        case .redeemed(let family):
            return try await issueTokens(for: user, family: family)
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
        guard let accessToken, !accessToken.isEmpty else {
            throw MapleQuestError.notAuthenticated(Self.missingCredentialsMessage)
        }
        guard let claims = try? tokens.verify(accessToken), claims.kind == .access, !isExpired(claims) else {
            throw MapleQuestError.tokenNotValid(Self.wrongTokenMessage)
        }
        switch try await sessions.account(claims.userID, presenting: claims.tokenID) {
        case .active(let user): return user
        case .revoked: throw MapleQuestError.tokenNotValid(Self.wrongTokenMessage)
        case .missing: throw MapleQuestError.tokenNotValid(Self.unknownUserMessage)
        }
    }

    /// Issues an access and a refresh token; `family` is `nil` for a new login.
    private func issueTokens(for user: User, family: String?) async throws -> TokenPair {
        let now = Int(clock.now().timeIntervalSince1970)
        let access = TokenClaims(
            kind: .access, tokenID: ids.newTokenID(), userID: user.id, email: user.email,
            issuedAt: now, expiresAt: now + Self.accessTokenLifetime)
        let refresh = TokenClaims(
            kind: .refresh, tokenID: ids.newTokenID(), userID: user.id, email: user.email,
            issuedAt: now, expiresAt: now + Self.refreshTokenLifetime)
        try await sessions.record(
            tokenIDs: [access.tokenID, refresh.tokenID],
            family: family ?? refresh.tokenID,
            userID: user.id,
            expiresAt: Date(timeIntervalSince1970: TimeInterval(refresh.expiresAt)))
        return TokenPair(access: try tokens.sign(access), refresh: try tokens.sign(refresh))
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
