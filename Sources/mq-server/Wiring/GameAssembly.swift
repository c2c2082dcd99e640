import Foundation
import Logging
import MQDomain
import MQHTTP
import MQPersistence
import MQStorage

/// The local photo store serves its own objects through the HTTP layer's media routes.
extension LocalDiskPhotoStore: MediaStore {}

/// The game, its HTTP API and its background work, built from the configuration.
struct GameAssembly {
    let game: MapleQuest
    let api: MapleQuestAPI
    let sessions: any SessionRepository
    /// `nil` on the in-memory store.
    let database: PostgresStore?

    init(_ configuration: ServerConfiguration) throws {
        let media: LocalDiskPhotoStore
        switch configuration.photoStorage {
        case .localDisk(let root, let baseURL):
            media = LocalDiskPhotoStore(root: root, baseURL: baseURL, secret: configuration.secretKey)
        case .s3:
            throw ConfigurationError.unsupported("S3_BUCKET_NAME is set, but S3 uploads are not part of this build yet; unset it to keep photos on local disk")
        }
        let passwords = DjangoPasswordHasher(concurrency: configuration.passwordHashConcurrency)
        let tokens = HS256TokenSigner(secret: configuration.secretKey)
        let dependencies: GameDependencies
        switch configuration.store {
        case .inMemory:
            database = nil
            dependencies = InMemoryStore().dependencies(passwords: passwords, tokens: tokens, uploads: media)
        case .postgres(let settings):
            let store = PostgresStore(settings: settings)
            database = store
            dependencies = store.dependencies(passwords: passwords, tokens: tokens, uploads: media)
        }
        game = MapleQuest(dependencies)
        api = MapleQuestAPI(
            game: game,
            settings: HTTPSettings(allowedHosts: configuration.allowedHosts, cors: configuration.cors),
            media: media)
        sessions = dependencies.sessions
    }

    var isInMemory: Bool { database == nil }
}
