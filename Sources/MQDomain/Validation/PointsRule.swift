/// Points a landmark or an achievement is worth: never negative, and small enough that a player's total
/// (the sum over every landmark and achievement) stays far inside the 32-bit column that holds it.
enum PointsRule {
    static let maximum = 1_000_000

    static func check(_ points: Int, into errors: inout FieldErrors) {
        if points < 0 { errors.add("points", FieldMessage.atLeast(0)) }
        if points > maximum { errors.add("points", FieldMessage.atMost(maximum)) }
    }
}
