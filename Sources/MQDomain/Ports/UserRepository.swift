/// Where players' accounts are kept.
///
/// Uniqueness of email and phone number is the store's to enforce: `create` and `update` throw
/// ``DuplicateValue`` when another account already holds the value, even under concurrent requests.
public protocol UserRepository: Sendable {
    func create(_ user: User) async throws -> User
    func find(id: UserID) async throws -> User?
    /// Looks up by the normalised address (see ``EmailAddress/normalized(_:)``).
    func find(email: String) async throws -> User?
    func find(phoneNumber: String) async throws -> User?
    /// The accounts among `ids` that exist, in no particular order.
    func find(ids: Set<UserID>) async throws -> [User]
    /// Replaces every field but `points`, which only check-ins and visit deletions change.
    /// Returns `nil` when the account no longer exists.
    func update(_ user: User) async throws -> User?
    /// Accounts whose email, phone number, first or last name contains `text` (ignoring case), or every
    /// account when `text` is `nil`; newest sign-ups first.
    func search(_ text: String?, _ page: PageRequest) async throws -> Page<User>
    /// Removes the account with its visits, images, friend requests and sessions, atomically.
    func delete(id: UserID) async throws -> Bool
}
