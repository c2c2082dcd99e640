import MQDomain

/// The visit action's answer on a first visit (201).
struct FirstVisitJSON: Encodable {
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
}

/// The visit action's answer on a later visit (200).
struct RepeatVisitJSON: Encodable {
    let message: String
    let visit: VisitJSON
    let imagesAdded: [ImageJSON]
    /// Achievements this check-in awarded (ours), e.g. one staff created since the first visit.
    let achievementsEarned: [AchievementJSON]

    enum CodingKeys: String, CodingKey {
        case message, visit, imagesAdded = "images_added", achievementsEarned = "achievements_earned"
    }
}
