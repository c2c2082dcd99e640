import ArgumentParser
import MQDomain

struct UserDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a player's account with their visits, photos, friend requests and sessions.",
        discussion: "Their tokens stop working at once. Photos already uploaded to the bucket stay there.")

    @Argument(help: "The player's id or email address.")
    var player: String

    func run() async throws {
        let session = try OperatorSession.open("user delete")
        let deleted = try await session.run { try await session.moderation.deleteAccount(player, by: .operatorCommand("mq-server user delete")) }
        print("deleted \(deleted.email) (\(deleted.id)) with their visits, photos, friend requests and sessions")
    }
}
