import ArgumentParser

/// `mq-server`: the Maple Quest backend.
@main
struct MQServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mq-server",
        abstract: "The Maple Quest backend.",
        discussion: "Configured by environment variables; see docs/operations.md.",
        version: ServerVersion.current,
        subcommands: [
            Serve.self, Migrate.self, SeedLocations.self, CreateAdmin.self, HealthCheck.self, UserCommand.self, ImageCommand.self,
            RewritePhotoURLs.self,
        ],
        defaultSubcommand: Serve.self)
}
