/// Who acts on the game from outside the app: a staff member in the console, or an operator's command.
public enum StaffActor: Sendable, Equatable {
    case staff(User)
    /// A command run by someone with the deployment's credentials, e.g. `mq-server user delete`.
    case operatorCommand(String)

    var id: UserID? {
        if case .staff(let user) = self { return user.id }
        return nil
    }

    var name: String {
        switch self {
        case .staff(let user): user.email
        case .operatorCommand(let command): command
        }
    }

    /// Refuses a console user who is not (or no longer) staff. Operator commands are trusted.
    func requireStaff() throws(MapleQuestError) {
        if case .staff(let user) = self { try StaffPolicy.requireStaff(user) }
    }
}

/// The audit log: every staff and operator action, who did it and to what.
public struct AuditService: Sendable {
    private let log: any AuditLog
    private let clock: any WallClock

    public init(_ dependencies: GameDependencies) {
        log = dependencies.audit
        clock = dependencies.clock
    }

    /// Records that `actor` did `action` to `object`.
    public func record(_ actor: StaffActor, _ action: String, _ object: String) async throws {
        try await log.record(AuditEntry(at: clock.now(), actorID: actor.id, actor: actor.name, action: action, object: object))
    }

    /// Newest first; staff only.
    public func entries(_ page: PageRequest, requestedBy caller: User) async throws -> Page<AuditEntry> {
        try StaffPolicy.requireStaff(caller)
        try page.requireValid()
        return try await log.entries(page)
    }
}
