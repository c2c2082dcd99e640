import Foundation

/// What happened when a refresh token was presented.
public enum RefreshRedemption: Sendable, Equatable {
    /// First use: the token is now spent; new tokens join `family`.
    case redeemed(family: String)
    /// The token was already spent: somebody replayed it, so its whole family must be revoked.
    case replayed(family: String)
    /// The token's family was revoked earlier.
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

/// Sign-in sessions: every token issued since one login forms a *family*, so that reuse of a rotated
/// refresh token can revoke everything descended from that login.
public protocol SessionRepository: Sendable {
    /// Records tokens issued to a family (access and refresh alike) until they expire.
    func record(tokenIDs: [String], family: String, userID: UserID, expiresAt: Date) async throws
    /// Atomically spends a refresh token. A token this store never saw (one the old backend issued)
    /// starts a family of its own. Of concurrent redemptions of one token, exactly one is `.redeemed`.
    func redeem(refreshTokenID: String, userID: UserID, expiresAt: Date) async throws -> RefreshRedemption
    func revoke(family: String) async throws
    /// The account `userID`, unless `tokenID` belongs to a revoked family, in one look-up: every
    /// authenticated request asks this. Tokens this store never saw are not revoked.
    func account(_ userID: UserID, presenting tokenID: String) async throws -> SessionAccount
    /// Forgets tokens that expired before `date`; their signatures already refuse them.
    func purge(expiredBefore date: Date) async throws
}
