import MQDomain

/// The select lists the repositories share, and how each row becomes a model. Every column is aliased
/// with its model's prefix (`user_`, `location_`, …), so a query may join several models' lists and each
/// decoder reads its own columns by name.
enum Columns {
    static let user = """
        u."userId" AS user_id, u.email AS user_email, u.password AS user_password, u.first_name AS user_first_name, \
        u.last_name AS user_last_name, u.phone_no AS user_phone_no, u.points AS user_points, \
        u.profile_pic_url AS user_profile_pic_url, \(SQLTime.micros("u.created_at")) AS user_created_at, \
        EXISTS (SELECT 1 FROM mq_staff s WHERE s.user_id = u."userId") AS user_is_staff
        """
    static func user(_ row: Row) throws -> User {
        User(
            id: try row.string("user_id"), email: try row.string("user_email"), passwordHash: try row.string("user_password"),
            firstName: try row.string("user_first_name"), lastName: try row.string("user_last_name"),
            phoneNumber: try row.optionalString("user_phone_no"), points: try row.int("user_points"),
            profilePictureURL: try row.string("user_profile_pic_url"), createdAt: try row.optionalDate("user_created_at"),
            isStaff: try row.bool("user_is_staff"))
    }

    /// What friends see of a player (``PlayerCard``), under the same names as ``user``.
    static let playerCard = """
        u."userId" AS user_id, u.first_name AS user_first_name, u.last_name AS user_last_name, \
        u.profile_pic_url AS user_profile_pic_url
        """
    static func playerCard(_ row: Row) throws -> PlayerCard {
        PlayerCard(
            id: try row.string("user_id"), firstName: try row.string("user_first_name"), lastName: try row.string("user_last_name"),
            profilePictureURL: try row.string("user_profile_pic_url"))
    }

    static let location = """
        l."locationId" AS location_id, l.name AS location_name, l.province AS location_province, \
        l.latitude AS location_latitude, l.longitude AS location_longitude, l.description AS location_description, \
        l.points AS location_points, l.default_image_url AS location_default_image_url
        """
    static func location(_ row: Row) throws -> Location {
        Location(
            id: try row.string("location_id"), name: try row.string("location_name"), province: try row.string("location_province"),
            latitude: try row.string("location_latitude"), longitude: try row.string("location_longitude"),
            description: try row.string("location_description"), points: try row.int("location_points"),
            defaultImageURL: try row.optionalString("location_default_image_url"))
    }

    /// The identifiers of `$1`'s friends as an array, for `= ANY (…)` against an index keyed by player
    /// (compared `COLLATE "C"`, as migration 10 keys them): PostgreSQL then probes each player once, where
    /// a join with the friendship scans planned a pass over every player on small tables and cost twice the
    /// database time (`docs/performance.md`).
    ///
    /// `UNION ALL`, not `UNION`: `= ANY` ignores repeats, and skipping the de-duplication measured 10 % more
    /// statements per second.
    static let friendIDsOfFirstParameter = "ARRAY(\(friendsAskedByFirstParameter) UNION ALL \(friendsWhoAskedFirstParameter))"

    /// The identifiers of the players linked to the player `$1` by an accepted friend request, as a
    /// subquery; each branch uses a partial index on accepted requests.
    static let friendsOfFirstParameter = "\(friendsAskedByFirstParameter) UNION \(friendsWhoAskedFirstParameter)"

    /// The two directions of an accepted friendship with `$1`, each the other player's identifier. Identifiers
    /// are compared `COLLATE "C"`, as the partial indexes on accepted requests are keyed (migration 10).
    private static let friendsAskedByFirstParameter =
        #"SELECT f.to_user_id AS id FROM core_friendrequest f WHERE f.from_user_id COLLATE "C" = $1 AND f.status = 'accepted'"#
    private static let friendsWhoAskedFirstParameter =
        #"SELECT f.from_user_id FROM core_friendrequest f WHERE f.to_user_id COLLATE "C" = $1 AND f.status = 'accepted'"#

    static let visit = """
        v.id AS visit_id, v.user_id AS visit_user_id, v.location_id AS visit_location_id, \
        \(SQLTime.micros("v.visited_at")) AS visit_visited_at, v.note AS visit_note
        """
    static func visit(_ row: Row) throws -> Visit {
        Visit(
            id: try row.int("visit_id"), userID: try row.string("visit_user_id"), locationID: try row.string("visit_location_id"),
            visitedAt: try row.date("visit_visited_at"), note: try row.string("visit_note"))
    }

    static let image = """
        i.id AS image_id, i.visit_id AS image_visit_id, i.description AS image_description, i.image_url AS image_url, \
        i.likes AS image_likes
        """
    static func image(_ row: Row) throws -> Image {
        Image(
            id: try row.int("image_id"), visitID: try row.int("image_visit_id"), description: try row.string("image_description"),
            imageURL: try row.string("image_url"), likes: try row.int("image_likes"))
    }

    static let friendRequest = """
        f.id AS request_id, f.from_user_id AS request_from, f.to_user_id AS request_to, f.status AS request_status, \
        \(SQLTime.micros("f.created_at")) AS request_created_at, \(SQLTime.micros("f.updated_at")) AS request_updated_at
        """
    static func friendRequest(_ row: Row) throws -> FriendRequest {
        let status = try row.string("request_status")
        guard let known = FriendRequest.Status(rawValue: status) else {
            throw RowDecodingError(column: "request_status", problem: "holds an unknown status")
        }
        return FriendRequest(
            id: try row.int("request_id"), fromUserID: try row.string("request_from"), toUserID: try row.string("request_to"),
            status: known, createdAt: try row.date("request_created_at"), updatedAt: try row.date("request_updated_at"))
    }

    /// Needs ``achievementSource``, which joins each achievement's rule.
    static let achievement = """
        a."achievementId" AS achievement_id, a.description AS achievement_description, a.points AS achievement_points, \
        r.kind AS rule_kind, r.threshold AS rule_threshold, array_to_json(r.landmarks) AS rule_landmarks
        """
    static let achievementSource = #"core_achievement a LEFT JOIN mq_achievement_rule r ON r.achievement_id = a."achievementId""#
    static func achievement(_ row: Row) throws -> Achievement {
        Achievement(
            id: try row.string("achievement_id"), description: try row.string("achievement_description"),
            points: try row.int("achievement_points"),
            rule: try AchievementRuleColumns.rule(
                kind: try row.optionalString("rule_kind"), threshold: try row.optionalInt("rule_threshold"),
                landmarks: try row.optionalString("rule_landmarks")))
    }
}

/// Text for a `varchar[]` or `bigint[]` parameter, each element quoted so the literal cannot be misread.
func arrayParameter(_ values: [String]) -> String {
    var text = "{"
    for (index, value) in values.enumerated() {
        text += index == 0 ? "\"" : ",\""
        if value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }) {
            for scalar in value.unicodeScalars {
                if scalar == "\\" || scalar == "\"" { text += "\\" }
                text.unicodeScalars.append(scalar)
            }
        } else {
            text += value
        }
        text += "\""
    }
    return text + "}"
}
