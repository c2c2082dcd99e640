import MQDomain

/// `Visit`, with its images.
struct VisitJSON: WritesOwnJSON {
    let id: Int
    let user: String
    let location: String
    let visitedAt: String
    let note: String
    let images: [ImageJSON]

    enum CodingKeys: String, CodingKey {
        case id, user, location, visitedAt = "visited_at", note, images
    }

    init(_ visit: Visit) {
        id = visit.id
        user = visit.userID
        location = visit.locationID
        visitedAt = Timestamp.string(visit.visitedAt)
        note = visit.note
        images = visit.images.map(ImageJSON.init)
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("id", id)
        writer.field("images", objects: images)
        writer.field("location", location)
        writer.field("note", note)
        writer.field("user", user)
        writer.field("visited_at", visitedAt)
    }
}

/// `Image`.
struct ImageJSON: WritesOwnJSON {
    let id: Int
    let visit: Int
    let description: String
    let imageURL: String
    let likes: Int

    enum CodingKeys: String, CodingKey {
        case id, visit, description, imageURL = "image_url", likes
    }

    init(_ image: Image) {
        id = image.id
        visit = image.visitID
        description = image.description
        imageURL = image.imageURL
        likes = image.likes
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("description", description)
        writer.field("id", id)
        writer.field("image_url", imageURL)
        writer.field("likes", likes)
        writer.field("visit", visit)
    }
}
