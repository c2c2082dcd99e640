import MQDomain

/// What "add friend" did, and the request it did it to.
struct AddFriendJSON: WritesOwnJSON {
    let message: String
    let friendRequest: FriendRequestJSON

    enum CodingKeys: String, CodingKey {
        case message, friendRequest = "friend_request"
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("friend_request", object: friendRequest)
        writer.field("message", message)
    }
}
