/// Every way a game rule can refuse a request. MQHTTP maps each case to a status code in one place.
public enum MapleQuestError: Error, Equatable, Sendable {
    /// Input broke one or more field rules (400 with one key per field).
    case invalid(FieldErrors)
    /// A rule refused the request as a whole, e.g. a friend request to oneself (400).
    case rejected(String)
    /// Email and password do not match an account (401); the same for unknown emails and wrong passwords.
    case invalidCredentials
    /// No usable credentials came with a request to a protected route (401).
    case notAuthenticated(String)
    /// A token is malformed, expired, revoked, of the wrong type, or its account is gone (401).
    case tokenNotValid(String)
    /// The caller is known but may not do this (403).
    case forbidden(String)
    /// The thing does not exist, or is not the caller's to see (404).
    case notFound(NotFoundSubject)
    /// Photo storage cannot sign an upload right now (503).
    case storageUnavailable(String)
    /// The database cannot be reached right now (503).
    case databaseUnavailable(String)
    /// The caller (an account or an address) made too many attempts of this kind; try again after
    /// `retryAfter` seconds (429).
    case tooManyRequests(retryAfter: Int)
    /// The server is at capacity for this kind of work (e.g. password checks); try again after
    /// `retryAfter` seconds (503).
    case overloaded(retryAfter: Int)
}

/// The things a request can name that may be missing.
public enum NotFoundSubject: Sendable, Equatable {
    case user, location, visit, image, friendRequest, achievement, page
    /// No player has the email or phone number another player looked them up by.
    case playerByContact
}

/// A uniqueness rule of the store was broken, e.g. a second account with the same email.
/// Repositories throw it; services turn it into field errors.
public struct DuplicateValue: Error, Equatable, Sendable {
    public enum Field: String, Sendable {
        case email, phoneNumber, locationName, visit, friendRequest, achievementID, locationID, userID
    }

    public var field: Field

    public init(_ field: Field) {
        self.field = field
    }
}
