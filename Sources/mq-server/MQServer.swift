import ArgumentParser

/// `mq-server`: the Maple Quest backend.
@main
struct MQServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mq-server",
        abstract: "The Maple Quest backend.",
        discussion: "Configured by environment variables; see docs/operations.md.",
        subcommands: [Serve.self, Migrate.self, SeedLocations.self, CreateAdmin.self, HealthCheck.self],
        defaultSubcommand: Serve.self)
}
