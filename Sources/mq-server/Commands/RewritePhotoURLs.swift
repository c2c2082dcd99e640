import ArgumentParser
import MQPersistence

/// Moves stored photo URLs (visit photos, profile pictures, landmark images) from one address to another,
/// for the cut-over from the old bucket.
struct RewritePhotoURLs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rewrite-photo-urls",
        abstract: "Rewrite stored photo URLs that start with one prefix to start with another.",
        discussion: """
            Works in batches, each its own short transaction, so it can run while the server serves; rerunning \
            it, or resuming after an interruption, changes only what is left. URLs the new prefix would make longer \
            than their column (200 characters) are left as they are and counted.
            """)

    @Option(name: .customLong("from"), help: "The prefix stored URLs start with now, e.g. https://old-bucket.s3.amazonaws.com/")
    var oldPrefix: String

    @Option(name: .customLong("to"), help: "The prefix they should start with, e.g. https://photos.maplequest.ca/")
    var newPrefix: String

    @Flag(help: "Count what would change, and change nothing.")
    var dryRun = false

    @Option(help: "URLs per batch.")
    var batchSize = 1000

    func validate() throws {
        guard !oldPrefix.isEmpty, !newPrefix.isEmpty else { throw ValidationError("--from and --to must not be empty") }
        guard oldPrefix != newPrefix else { throw ValidationError("--from and --to are the same") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() async throws {
        let session = try OperatorSession.open("rewrite-photo-urls")
        let addresses = PhotoAddresses(store: session.database)
        if dryRun {
            let count = try await addresses.count(from: oldPrefix, to: newPrefix)
            print("would rewrite \(count) URL(s) from \(oldPrefix) to \(newPrefix); nothing changed (dry run)")
            return
        }
        let progress = Progress("rewriting photo URLs")
        let changed = try await addresses.rewriteInBatches(from: oldPrefix, to: newPrefix, batchSize: batchSize) { done, total in
            progress.report(done, of: total)
        }
        print("rewrote \(changed) URL(s) from \(oldPrefix) to \(newPrefix)")
    }
}
