import MQDomain

/// `FriendRequest`, with both players' profiles.
struct FriendRequestJSON: WritesOwnJSON {
    let id: Int
    let fromUser: String
    let toUser: String
    let fromUserDetails: UserProfileJSON
    let toUserDetails: UserProfileJSON
    let status: String
    let createdAt: String
    let updatedAt: String

    enum CodingKeys: String, CodingKey {
        case id, fromUser = "from_user", toUser = "to_user", fromUserDetails = "from_user_details"
        case toUserDetails = "to_user_details", status, createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ details: FriendRequestDetails) {
        id = details.request.id
        fromUser = details.request.fromUserID
        toUser = details.request.toUserID
        fromUserDetails = UserProfileJSON(user: details.from)
        toUserDetails = UserProfileJSON(user: details.to)
        status = details.request.status.rawValue
        createdAt = Timestamp.string(details.request.createdAt)
        updatedAt = Timestamp.string(details.request.updatedAt)
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("created_at", createdAt)
        writer.field("from_user", fromUser)
        writer.field("from_user_details", object: fromUserDetails)
        writer.field("id", id)
        writer.field("status", status)
        writer.field("to_user", toUser)
        writer.field("to_user_details", object: toUserDetails)
        writer.field("updated_at", updatedAt)
    }
}
