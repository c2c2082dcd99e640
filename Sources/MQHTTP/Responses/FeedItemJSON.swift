import MQDomain

/// One feed entry: `{"visit", "user", "location", "images"}`. `user` carries only what any friend may see.
struct FeedItemJSON: WritesOwnJSON {
    let visit: VisitJSON
    let user: PlayerCardJSON
    let location: LocationJSON
    let images: [ImageJSON]

    init(_ item: FeedItem) {
        visit = VisitJSON(item.visit)
        user = PlayerCardJSON(item.player)
        location = LocationJSON(location: item.location)
        images = item.visit.images.map(ImageJSON.init)
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("images", objects: images)
        writer.field("location", object: location)
        writer.field("user", object: user)
        writer.field("visit", object: visit)
    }
}

/// A player as other players see them in the feed.
struct PlayerCardJSON: WritesOwnJSON {
    let userID: String
    let firstName: String
    let lastName: String
    let profilePictureURL: String

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", firstName = "first_name", lastName = "last_name", profilePictureURL = "profile_pic_url"
    }

    init(_ player: PlayerCard) {
        userID = player.id
        firstName = player.firstName
        lastName = player.lastName
        profilePictureURL = player.profilePictureURL
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("first_name", firstName)
        writer.field("last_name", lastName)
        writer.field("profile_pic_url", profilePictureURL)
        writer.field("user_id", userID)
    }
}
