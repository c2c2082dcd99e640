/// Who may change the world's shared content: locations and achievements.
enum StaffPolicy {
    static let forbiddenMessage = "You do not have permission to perform this action."

    static func requireStaff(_ user: User) throws(MapleQuestError) {
        guard user.isStaff else { throw .forbidden(forbiddenMessage) }
    }
}

extension Page {
    /// Refuses a page past the end of the list, as the old backend did; the first page may be empty.
    func requireExisting() throws(MapleQuestError) -> Page {
        guard request.isWithinRange, request.number == 1 || !items.isEmpty else { throw .notFound(.page) }
        return self
    }
}

extension PageRequest {
    func requireValid() throws(MapleQuestError) {
        guard isWithinRange else { throw .notFound(.page) }
    }
}
