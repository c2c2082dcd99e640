import Foundation
import MQDomain

/// How an ``AchievementRule`` is stored in `mq_achievement_rule`: a kind, a threshold, a set of landmarks.
enum AchievementRuleColumns {
    static func rule(kind: String?, threshold: Int, landmarks: String?) -> AchievementRule? {
        switch kind {
        case "distinct_landmarks": .distinctLandmarks(threshold)
        case "distinct_provinces": .distinctProvinces(threshold)
        case "landmarks":
            .landmarks(Set((try? JSONDecoder().decode([String].self, from: Data((landmarks ?? "[]").utf8))) ?? []))
        default: nil
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
