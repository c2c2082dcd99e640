/// What `update_points` answers.
struct PointsJSON: Encodable {
    let message: String
    let totalPoints: Int

    enum CodingKeys: String, CodingKey {
        case message, totalPoints = "total_points"
    }
}
