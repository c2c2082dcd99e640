import FoundationEssentials
import MQDomain

/// How an ``AchievementRule`` is stored in `mq_achievement_rule`: a kind, a threshold, a set of landmarks.
enum AchievementRuleColumns {
    /// `nil` when the achievement has no rule; throws for a rule this server cannot read.
    static func rule(kind: String?, threshold: Int?, landmarks: String?) throws -> AchievementRule? {
        guard let kind else { return nil }
        switch kind {
        case "distinct_landmarks": return .distinctLandmarks(threshold ?? 0)
        case "distinct_provinces": return .distinctProvinces(threshold ?? 0)
        case "landmarks":
            guard let ids = try? JSONDecoder().decode([String].self, from: Data((landmarks ?? "").utf8)) else {
                throw RowDecodingError(column: "rule_landmarks", problem: "is not a list of landmarks")
            }
            return .landmarks(Set(ids))
        default: throw RowDecodingError(column: "rule_kind", problem: "holds an unknown kind")
        }
    }

    /// The `kind`, `threshold` and `landmarks` parameters for a rule.
    static func parameters(_ rule: AchievementRule) -> [String?] {
        switch rule {
        case .distinctLandmarks(let count): ["distinct_landmarks", String(count), "{}"]
        case .distinctProvinces(let count): ["distinct_provinces", String(count), "{}"]
        case .landmarks(let ids): ["landmarks", "0", arrayParameter(ids.sorted())]
        }
    }
}
