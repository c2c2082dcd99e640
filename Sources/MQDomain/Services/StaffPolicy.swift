/// Who may change the world's shared content: locations and achievements.
enum StaffPolicy {
    static let forbiddenMessage = "You do not have permission to perform this action."

    static func requireStaff(_ user: User) throws(MapleQuestError) {
        guard user.isStaff else { throw .forbidden(forbiddenMessage) }
    }
}
