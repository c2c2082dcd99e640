import FoundationEssentials
import Logging
import MQAuth
import MQDomain
import MQHTTP
import MQPersistence
import MQStorage

/// The game, its HTTP API and its background work, built from the configuration.
struct GameAssembly {
    let game: MapleQuest
    let api: MapleQuestAPI
    let sessions: any SessionRepository
    /// Every port the game was built on.
    let dependencies: GameDependencies
    /// `nil` on the in-memory store.
    let database: PostgresStore?
    /// Hashes logins and registrations; its queue is a health figure.
    let passwords: DjangoPasswordHasher

    init(_ configuration: ServerConfiguration) throws {
        let uploads: any UploadSigner
        let media: LocalDiskPhotoStore?
        switch configuration.photoStorage {
        case .localDisk(let root, let baseURL):
            let store = LocalDiskPhotoStore(root: root, baseURL: baseURL, secret: configuration.secretKey, quota: configuration.diskQuota)
            uploads = store
            media = store
        case .s3(let settings, let environment):
            uploads = S3UploadSigner(settings: settings, credentials: CachedCredentials(CredentialsChain.standard(environment: environment)))
            media = nil
        }
        let passwords = DjangoPasswordHasher(concurrency: configuration.passwordHashConcurrency, queueLimit: configuration.passwordHashQueue)
        self.passwords = passwords
        let tokens = HS256TokenSigner(secret: configuration.secretKey)
        var dependencies: GameDependencies
        switch configuration.store {
        case .inMemory:
            database = nil
            dependencies = InMemoryStore().dependencies(passwords: passwords, tokens: tokens, uploads: uploads)
        case .postgres(let settings):
            let store = PostgresStore(
                settings: settings, rankCounting: RankCounting(ladderLifetime: configuration.leaderboardLadderLifetime))
            database = store
            dependencies = store.dependencies(passwords: passwords, tokens: tokens, uploads: uploads)
        }
        // On the in-memory store too: the list is then encoded once per change instead of once per read.
        dependencies.landmarkCacheLifetime = configuration.landmarkCacheLifetime
        dependencies.limits = configuration.limits
        dependencies.proximity = configuration.proximity
        game = MapleQuest(dependencies)
        api = MapleQuestAPI(
            game: game,
            settings: HTTPSettings(
                allowedHosts: configuration.allowedHosts, cors: configuration.cors,
                metrics: MetricsSetup.exposition(configuration), throttle: configuration.throttle,
                tracing: configuration.tracing.enabled, version: ServerVersion.current, console: configuration.console),
            media: media)
        sessions = dependencies.sessions
        self.dependencies = dependencies
    }

    var isInMemory: Bool { database == nil }
}
