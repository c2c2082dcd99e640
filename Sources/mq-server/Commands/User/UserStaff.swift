import ArgumentParser
import MQDomain

struct UserGrantStaff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant-staff", abstract: "Give a player staff rights (landmark and achievement changes).")

    @Argument(help: "The player's id or email address.")
    var player: String

    func run() async throws {
        let session = try OperatorSession.open("user grant-staff")
        let user = try await session.run { try await session.moderation.setStaff(player, true, by: .operatorCommand("mq-server user grant-staff")) }
        print("\(user.email) (\(user.id)) is now staff")
    }
}

struct UserRevokeStaff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke-staff", abstract: "Take a player's staff rights away.")

    @Argument(help: "The player's id or email address.")
    var player: String

    func run() async throws {
        let session = try OperatorSession.open("user revoke-staff")
        let user = try await session.run { try await session.moderation.setStaff(player, false, by: .operatorCommand("mq-server user revoke-staff")) }
        print("\(user.email) (\(user.id)) is no longer staff")
    }
}
