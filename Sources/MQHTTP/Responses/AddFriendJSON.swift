import MQDomain

struct AddFriendJSON: Encodable {
    let message: String
    let friendRequest: FriendRequestJSON

    enum CodingKeys: String, CodingKey {
        case message, friendRequest = "friend_request"
    }
}
