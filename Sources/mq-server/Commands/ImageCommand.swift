import ArgumentParser
import MQDomain

/// `mq-server image …`: moderating photos.
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "Moderate players' photos.", subcommands: [ImageDelete.self])
}

struct ImageDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove a photo, whoever posted it; its visit and the visit's points stay.",
        discussion: "The photo disappears from every list at once. The object in the bucket is left for the bucket's lifecycle rules.")

    @Argument(help: "The photo's id (the `id` of an image in the API).")
    var id: Int

    func run() async throws {
        let session = try OperatorSession.open("image delete")
        try await session.run { try await session.moderation.deletePhoto(id, by: .operatorCommand("mq-server image delete")) }
        print("deleted photo \(id)")
    }
}
