import ArgumentParser
import Logging
import MQDomain

/// Grants staff rights to an existing account, so it may edit locations and achievements.
struct CreateAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Give an existing account staff rights (locations and achievements).")

    @Argument(help: "The email address of a registered account.")
    var email: String

    func run() async throws {
        let configuration = try ServerConfiguration.read()
        LoggingSetup.bootstrap(configuration)
        guard case .postgres = configuration.store else {
            throw ValidationError("create-admin writes to a database: set DB_HOST. The in-memory store lives only inside `serve`.")
        }
        let assembly = try GameAssembly(configuration)
        let user = try await assembly.game.moderation.setStaff(email, true, by: .operatorCommand("mq-server create-admin"))
        print("\(user.email) (\(user.id)) is now staff")
    }
}
