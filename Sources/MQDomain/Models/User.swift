import FoundationEssentials

/// A player's identifier: the first 15 characters of a random UUID string, e.g. `"1b9d6bcd-bbfd-4"`.
public typealias UserID = String

/// A person who plays Maple Quest.
public struct User: Sendable, Equatable, Hashable {
    public var id: UserID
    /// Stored normalised: the domain part is lower-cased, as Django stored it.
    public var email: String
    /// The password in Django's `pbkdf2_sha256$<iterations>$<salt>$<hash>` format.
    public var passwordHash: String
    public var firstName: String
    public var lastName: String
    /// Digits only, 1–10 of them; `nil` when unset.
    public var phoneNumber: String?
    /// Points awarded by the server for first visits; never set by a client.
    public var points: Int
    /// `""` when unset.
    public var profilePictureURL: String
    /// `nil` for accounts the old backend created before it recorded the time.
    public var createdAt: Date?
    /// Staff may create, edit and delete locations and achievements.
    public var isStaff: Bool

    public init(
        id: UserID,
        email: String,
        passwordHash: String,
        firstName: String = "",
        lastName: String = "",
        phoneNumber: String? = nil,
        points: Int = 0,
        profilePictureURL: String = "",
        createdAt: Date?,
        isStaff: Bool = false
    ) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.firstName = firstName
        self.lastName = lastName
        self.phoneNumber = phoneNumber
        self.points = points
        self.profilePictureURL = profilePictureURL
        self.createdAt = createdAt
        self.isStaff = isStaff
    }
}
