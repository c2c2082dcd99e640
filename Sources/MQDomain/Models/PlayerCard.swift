/// A player as their friends see them: a name and a picture, never an account's private details (email,
/// phone, password hash), which a feed of friends' visits has no reason to carry.
public struct PlayerCard: Sendable, Equatable {
    public var id: UserID
    public var firstName: String
    public var lastName: String
    public var profilePictureURL: String

    public init(id: UserID, firstName: String, lastName: String, profilePictureURL: String) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.profilePictureURL = profilePictureURL
    }

    /// The card of `user`.
    public init(_ user: User) {
        self.init(id: user.id, firstName: user.firstName, lastName: user.lastName, profilePictureURL: user.profilePictureURL)
    }
}
