import ArgumentParser
import FoundationEssentials
import MQDomain

struct UserShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a player's profile, points, visits and friends.")

    @Argument(help: "The player's id or email address.")
    var player: String

    func run() async throws {
        let session = try OperatorSession.open("user show")
        let overview = try await session.run { try await session.moderation.overview(of: player) }
        let user = overview.user
        print("id:         \(user.id)")
        print("email:      \(user.email)")
        print("name:       \([user.firstName, user.lastName].filter { !$0.isEmpty }.joined(separator: " "))")
        print("phone:      \(user.phoneNumber ?? "-")")
        print("points:     \(user.points)")
        print("staff:      \(user.isStaff ? "yes" : "no")")
        print("joined:     \(user.createdAt.map { Timestamp.string($0) } ?? "-")")
        print("visits:     \(overview.visitCount)\(overview.visitCount > overview.visits.count ? " (newest \(overview.visits.count) below)" : "")")
        for visit in overview.visits {
            print("  \(Timestamp.string(visit.visitedAt))  \(visit.locationID)  \(visit.images.count) photo(s)")
        }
        print("friends:    \(overview.friends.count)")
        for friend in overview.friends { print("  \(describe(friend))") }
    }
}
