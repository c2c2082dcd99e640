import Foundation
import Logging
import MQDomain
import MQHTTP
import MQStorage

/// The local photo store serves its own objects through the HTTP layer's media routes.
extension LocalDiskPhotoStore: MediaStore {}

/// The game, its HTTP API and its background work, built from the configuration.
struct GameAssembly {
    let game: MapleQuest
    let api: MapleQuestAPI
    let sessions: any SessionRepository
    let isInMemory: Bool

    init(_ configuration: ServerConfiguration) throws {
        let store: InMemoryStore
        switch configuration.store {
        case .inMemory:
            store = InMemoryStore()
        case .postgres:
            throw ConfigurationError.unsupported("DB_HOST is set, but PostgreSQL support is not part of this build yet; unset DB_HOST to run on the in-memory store")
        }
        let media: LocalDiskPhotoStore
        switch configuration.photoStorage {
        case .localDisk(let root, let baseURL):
            media = LocalDiskPhotoStore(root: root, baseURL: baseURL, secret: configuration.secretKey)
        case .s3:
            throw ConfigurationError.unsupported("S3_BUCKET_NAME is set, but S3 uploads are not part of this build yet; unset it to keep photos on local disk")
        }
        let dependencies = store.dependencies(
            passwords: DjangoPasswordHasher(concurrency: configuration.passwordHashConcurrency),
            tokens: HS256TokenSigner(secret: configuration.secretKey),
            uploads: media)
        game = MapleQuest(dependencies)
        api = MapleQuestAPI(
            game: game,
            settings: HTTPSettings(allowedHosts: configuration.allowedHosts, cors: configuration.cors),
            media: media)
        sessions = dependencies.sessions
        isInMemory = true
    }
}
