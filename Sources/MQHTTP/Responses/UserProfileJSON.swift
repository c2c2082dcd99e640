import MQDomain

/// `UserProfile`. `phone_no` is `null` when unset, never missing.
struct UserProfileJSON: WritesOwnJSON {
    let user: User

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", email, firstName = "first_name", lastName = "last_name", phoneNumber = "phone_no"
        case points, profilePictureURL = "profile_pic_url", createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user.id, forKey: .userID)
        try container.encode(user.email, forKey: .email)
        try container.encode(user.firstName, forKey: .firstName)
        try container.encode(user.lastName, forKey: .lastName)
        try container.encode(user.phoneNumber, forKey: .phoneNumber)
        try container.encode(user.points, forKey: .points)
        try container.encode(user.profilePictureURL, forKey: .profilePictureURL)
        try container.encode(user.createdAt.map(Timestamp.string), forKey: .createdAt)
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("created_at", user.createdAt.map(Timestamp.string))
        writer.field("email", user.email)
        writer.field("first_name", user.firstName)
        writer.field("last_name", user.lastName)
        writer.field("phone_no", user.phoneNumber)
        writer.field("points", user.points)
        writer.field("profile_pic_url", user.profilePictureURL)
        writer.field("user_id", user.id)
    }
}
