import MQDomain

/// `Achievement`, with `rule`: `null`, `{"kind": "distinct_landmarks" | "distinct_provinces", "count": N}` or
/// `{"kind": "landmarks", "landmarks": [ids…]}`.
struct AchievementJSON: WritesOwnJSON {
    let achievementID: String
    let description: String
    let points: Int
    let rule: RuleJSON?

    enum CodingKeys: String, CodingKey {
        case achievementID = "achievement_id", description, points, rule
    }

    init(_ achievement: Achievement) {
        achievementID = achievement.id
        description = achievement.description
        points = achievement.points
        rule = achievement.rule.map(RuleJSON.init)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(achievementID, forKey: .achievementID)
        try container.encode(description, forKey: .description)
        try container.encode(points, forKey: .points)
        try container.encode(rule, forKey: .rule)
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("achievement_id", achievementID)
        writer.field("description", description)
        writer.field("points", points)
        writer.field("rule", object: rule)
    }

    /// The rule's wire form; ``kinds`` maps its `kind` words both ways.
    struct RuleJSON: WritesOwnJSON {
        static let kinds: [String: AchievementRuleDraft.Kind] = [
            "distinct_landmarks": .distinctLandmarks, "distinct_provinces": .distinctProvinces, "landmarks": .landmarks,
        ]

        let kind: String
        let count: Int?
        let landmarks: [String]?

        init(_ rule: AchievementRule) {
            switch rule {
            case .distinctLandmarks(let count): (kind, self.count, landmarks) = ("distinct_landmarks", count, nil)
            case .distinctProvinces(let count): (kind, self.count, landmarks) = ("distinct_provinces", count, nil)
            case .landmarks(let ids): (kind, count, landmarks) = ("landmarks", nil, ids.sorted())
            }
        }

        func writeFields(to writer: inout JSONObjectWriter) {
            if let count { writer.field("count", count) }
            writer.field("kind", kind)
            if let landmarks { writer.field("landmarks", strings: landmarks) }
        }
    }
}
