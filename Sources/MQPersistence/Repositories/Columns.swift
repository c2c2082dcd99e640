import MQDomain

/// The select lists the repositories share, and how each row becomes a model.
enum Columns {
    static let user = """
        u."userId", u.email, u.password, u.first_name, u.last_name, u.phone_no, u.points, u.profile_pic_url, \
        \(SQLTime.micros("u.created_at")), EXISTS (SELECT 1 FROM mq_staff s WHERE s.user_id = u."userId")
        """
    static func user(_ row: Row, from start: Int = 0) -> User {
        User(id: row.string(start), email: row.string(start + 1), passwordHash: row.string(start + 2),
             firstName: row.string(start + 3), lastName: row.string(start + 4), phoneNumber: row.optionalString(start + 5),
             points: row.int(start + 6), profilePictureURL: row.string(start + 7), createdAt: row.optionalDate(start + 8),
             isStaff: row.bool(start + 9))
    }

    static let location = """
        l."locationId", l.name, l.province, l.latitude, l.longitude, l.description, l.points, l.default_image_url
        """
    static func location(_ row: Row) -> Location {
        location(row, from: 0)
    }
    static func location(_ row: Row, from start: Int) -> Location {
        Location(id: row.string(start), name: row.string(start + 1), province: row.string(start + 2), latitude: row.string(start + 3),
                 longitude: row.string(start + 4), description: row.string(start + 5), points: row.int(start + 6),
                 defaultImageURL: row.optionalString(start + 7))
    }

    /// The identifiers of the players linked to the player `$1` by an accepted friend request, as a
    /// subquery; each branch uses a partial index on accepted requests.
    static let friendsOfFirstParameter = """
        SELECT f.to_user_id AS id FROM core_friendrequest f WHERE f.from_user_id = $1 AND f.status = 'accepted'
        UNION SELECT f.from_user_id FROM core_friendrequest f WHERE f.to_user_id = $1 AND f.status = 'accepted'
        """

    static let visit = "v.id, v.user_id, v.location_id, \(SQLTime.micros("v.visited_at")), v.note"
    static func visit(_ row: Row) -> Visit {
        Visit(id: row.int(0), userID: row.string(1), locationID: row.string(2), visitedAt: row.date(3), note: row.string(4))
    }

    static let image = "i.id, i.visit_id, i.description, i.image_url, i.likes"
    static func image(_ row: Row) -> Image {
        Image(id: row.int(0), visitID: row.int(1), description: row.string(2), imageURL: row.string(3), likes: row.int(4))
    }

    static let friendRequest = """
        f.id, f.from_user_id, f.to_user_id, f.status, \(SQLTime.micros("f.created_at")), \(SQLTime.micros("f.updated_at"))
        """
    static func friendRequest(_ row: Row) -> FriendRequest {
        FriendRequest(id: row.int(0), fromUserID: row.string(1), toUserID: row.string(2),
                      status: FriendRequest.Status(rawValue: row.string(3)) ?? .pending,
                      createdAt: row.date(4), updatedAt: row.date(5))
    }

    /// Needs `LEFT JOIN mq_achievement_rule r ON r.achievement_id = a."achievementId"` (see ``achievementSource``).
    static let achievement = #"a."achievementId", a.description, a.points, r.kind, r.threshold, array_to_json(r.landmarks)"#
    static let achievementSource = #"core_achievement a LEFT JOIN mq_achievement_rule r ON r.achievement_id = a."achievementId""#
    static func achievement(_ row: Row) -> Achievement {
        achievement(row, from: 0)
    }
    static func achievement(_ row: Row, from start: Int) -> Achievement {
        Achievement(id: row.string(start), description: row.string(start + 1), points: row.int(start + 2),
                    rule: AchievementRuleColumns.rule(kind: row.optionalString(start + 3), threshold: row.int(start + 4),
                                                      landmarks: row.optionalString(start + 5)))
    }
}

/// Text for a `varchar[]` or `bigint[]` parameter, each element quoted so the literal cannot be misread.
func arrayParameter(_ values: [String]) -> String {
    "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        .joined(separator: ",") + "}"
}
