import MQDomain

/// The visit action's answer on a first visit (201).
struct FirstVisitJSON: WritesOwnJSON {
    let message: String
    let visit: VisitJSON
    let images: [ImageJSON]
    let pointsEarned: Int
    let totalPoints: Int
    /// Achievements this check-in awarded (ours): the shipped app ignores the key.
    let achievementsEarned: [AchievementJSON]

    enum CodingKeys: String, CodingKey {
        case message, visit, images, pointsEarned = "points_earned", totalPoints = "total_points"
        case achievementsEarned = "achievements_earned"
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("achievements_earned", objects: achievementsEarned)
        writer.field("images", objects: images)
        writer.field("message", message)
        writer.field("points_earned", pointsEarned)
        writer.field("total_points", totalPoints)
        writer.field("visit", object: visit)
    }
}

/// The visit action's answer on a later visit (200).
struct RepeatVisitJSON: WritesOwnJSON {
    let message: String
    let visit: VisitJSON
    let imagesAdded: [ImageJSON]
    /// Achievements this check-in awarded (ours), e.g. one staff created since the first visit.
    let achievementsEarned: [AchievementJSON]

    enum CodingKeys: String, CodingKey {
        case message, visit, imagesAdded = "images_added", achievementsEarned = "achievements_earned"
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("achievements_earned", objects: achievementsEarned)
        writer.field("images_added", objects: imagesAdded)
        writer.field("message", message)
        writer.field("visit", object: visit)
    }
}
