import ArgumentParser
import Logging
import MQDomain

/// Upserts the shipped landmarks by name into the configured database.
struct SeedLocations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-locations",
        abstract: "Create or update the shipped landmarks, by name (idempotent).")

    func run() async throws {
        let configuration = try ServerConfiguration.read()
        LoggingSetup.bootstrap(configuration)
        guard case .postgres = configuration.store else {
            throw ValidationError("seed-locations writes to a database: set DB_HOST. The in-memory store lives only inside `serve`, which seeds it itself.")
        }
        let assembly = try GameAssembly(configuration)
        let report = try await assembly.game.locations.seed(try Landmarks.load())
        print("landmarks: \(report.created) created, \(report.updated) updated, \(report.unchanged) unchanged")
        let achievements = try await assembly.game.achievements.seedStarterSet()
        print("starter achievements: \(achievements) created")
    }
}
