import ArgumentParser
import FoundationEssentials
import MQDomain

struct UserSetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-password",
        abstract: "Set a player's password, read from standard input, and end all their sessions.",
        discussion: """
            The password is the first line of standard input (never an argument, which would land in shell \
            history and in the process list), and must pass the same policy as the app's.
            """)

    @Argument(help: "The player's id or email address.")
    var player: String

    func run() async throws {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw OperatorFailure("no password on standard input: pipe it in, e.g. `mq-server user set-password ann@example.com < file`")
        }
        let session = try OperatorSession.open("user set-password")
        let user = try await session.run { try await session.moderation.setPassword(of: player, to: line, by: .operatorCommand("mq-server user set-password")) }
        print("new password set for \(user.email) (\(user.id)); every session ended")
    }
}
