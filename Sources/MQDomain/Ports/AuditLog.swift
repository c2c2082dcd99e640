import FoundationEssentials

/// One thing staff or an operator did: who, what, to which object, when.
public struct AuditEntry: Sendable, Equatable {
    public var at: Date
    /// The staff member's account id, or `nil` for an operator command.
    public var actorID: UserID?
    /// How the actor is shown: their email, or the operator command's name.
    public var actor: String
    /// What was done, e.g. `user.delete`, `photo.delete`, `location.update`.
    public var action: String
    /// Which object, e.g. `user 1b9d6bcd-bbfd-4 (ann@example.com)`.
    public var object: String

    public init(at: Date, actorID: UserID?, actor: String, action: String, object: String) {
        self.at = at
        self.actorID = actorID
        self.actor = actor
        self.action = action
        self.object = object
    }
}

/// Where staff and operator actions are recorded. Entries are never changed or removed by the game.
public protocol AuditLog: Sendable {
    func record(_ entry: AuditEntry) async throws
    /// Newest first.
    func entries(_ page: PageRequest) async throws -> Page<AuditEntry>
}
