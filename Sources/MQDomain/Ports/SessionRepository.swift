import FoundationEssentials

/// What happened when a refresh token was presented.
public enum RefreshRedemption: Sendable, Equatable {
    /// The token was its family's current one: it is now spent, and the family's next token is current.
    case redeemed(family: String)
    /// The token was already spent: somebody replayed it, so its whole family must be revoked.
    case replayed(family: String)
    /// The token's family was revoked earlier, or its account's sessions were ended after it was issued.
    case revoked
}

/// The account an access token speaks for, as found in one look-up.
public enum SessionAccount: Sendable, Equatable {
    case active(User)
    /// The token belongs to a revoked family.
    case revoked
    /// The account no longer exists.
    case missing
}

/// Sign-in sessions. Every token issued since one login forms a *family*, named by the first 16
/// characters of each token's id (see ``TokenFamily``); the store keeps one record per family — its
/// current refresh token, whether it was revoked, when it expires — however often it is refreshed, so
/// reuse of a rotated refresh token can revoke everything descended from that login.
///
/// Tokens from a family the store never saw were issued by the old backend (or before families were
/// recorded): they stay valid until they expire, unless their account's sessions were ended after they
/// were issued.
public protocol SessionRepository: Sendable {
    /// Records a new sign-in whose current refresh token is `refreshTokenID`; nothing for an account
    /// that does not exist (closed while it signed in).
    func begin(family: String, userID: UserID, refreshTokenID: String, expiresAt: Date) async throws
    /// Atomically spends `presented` and makes `next` the family's current refresh token. A family the
    /// store never saw is adopted, unless its account's sessions were ended after `issuedAt` or the
    /// account does not exist (then `.revoked`). Of concurrent rotations of one token, exactly one is
    /// `.redeemed`.
    func rotate(family: String, presented: String, next: String, userID: UserID, issuedAt: Date, expiresAt: Date) async throws -> RefreshRedemption
    func revoke(family: String) async throws
    /// Ends every session of `userID` but `keeping` (the caller's own, when there is one): their families
    /// are revoked, and tokens of families the store never saw that were issued before `at` are refused.
    func endSessions(of userID: UserID, keeping: String?, at: Date) async throws
    /// The account `userID`, unless the token of `family` issued at `issuedAt` was revoked, in one
    /// look-up: every authenticated request asks this.
    func account(_ userID: UserID, family: String, issuedAt: Date) async throws -> SessionAccount
    /// Forgets families whose last refresh token expired before `date`; their signatures already refuse them.
    func purge(expiredBefore date: Date) async throws
    /// How many families the store keeps for `userID`, revoked ones included.
    func familyCount(of userID: UserID) async throws -> Int
}

/// Token ids are 32 hexadecimal characters; the first 16 name the family the token belongs to.
public enum TokenFamily {
    public static let length = 16

    /// The family `tokenID` belongs to.
    public static func of(_ tokenID: String) -> String {
        String(tokenID.prefix(length))
    }
}
