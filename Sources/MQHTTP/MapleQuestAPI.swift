import Hummingbird
import MQDomain

/// How the HTTP layer behaves, read once by `mq-server` from the environment.
public struct HTTPSettings: Sendable {
    public var allowedHosts: HostAllowList
    public var cors: CORSPolicy
    /// Renders the metrics in Prometheus's text format for `GET /metrics`; `nil` turns metrics off.
    public var metrics: (@Sendable () -> [UInt8])?
    /// Per-address limits on logins, registrations, refreshes and friend look-ups.
    public var throttle: AddressThrottle
    /// Record a span per request (and its database, hashing and signing work) with the tracer the
    /// process bootstrapped.
    public var tracing: Bool
    /// The server's version, reported by `/health/`.
    public var version: String?
    /// The staff console at `/admin/`; `nil` keeps it off (`ADMIN_ENABLED`).
    public var console: ConsoleSettings?

    public init(
        allowedHosts: HostAllowList = .anyHost, cors: CORSPolicy = .closed, metrics: (@Sendable () -> [UInt8])? = nil,
        throttle: AddressThrottle = AddressThrottle(), tracing: Bool = false, version: String? = nil, console: ConsoleSettings? = nil
    ) {
        self.version = version
        self.console = console
        self.allowedHosts = allowedHosts
        self.cors = cors
        self.metrics = metrics
        self.throttle = throttle
        self.tracing = tracing
    }
}

/// The HTTP contract of the shipped app, adapted onto the game's services.
public struct MapleQuestAPI: Sendable {
    public let game: MapleQuest
    public let settings: HTTPSettings
    /// The local photo store served at `/uploads/` and `/media/`; `nil` when photos live in S3.
    public let media: (any MediaStore)?
    /// Turns `/health/` to 503 while the server drains before shutting down.
    public let serving: ServingState
    /// Encoded map reads, kept while the landmark catalog's snapshot stays the same.
    let mapAnswers = EncodedAnswerCache()

    public init(game: MapleQuest, settings: HTTPSettings = HTTPSettings(), media: (any MediaStore)? = nil, serving: ServingState = ServingState()) {
        self.game = game
        self.settings = settings
        self.media = media
        self.serving = serving
    }

    /// Every route, behind (when on) request metrics and a trace span, then the front door (inside the
    /// span, so the log line carries its trace id): request logging, error rendering, host checking and
    /// CORS, in that order.
    public func router() -> Router<MQRequestContext> {
        routes().router
    }

    /// Every path this API serves (as registered, e.g. `/api/locations/{id}`), with its methods.
    public var servedRoutes: [String: [String]] {
        routes().served
    }

    /// The console's templates, loaded once. Their absence is a broken build, not something to serve around.
    private static let loadedConsolePages = Result { try ConsolePages() }

    private static func consolePages() -> ConsolePages {
        switch loadedConsolePages {
        case .success(let pages): return pages
        case .failure(let error): preconditionFailure("cannot start the staff console: \(error)")
        }
    }

    private func routes() -> RouteTable {
        let router = Router(context: MQRequestContext.self, options: [.autoGenerateHeadEndpoints])
        if settings.metrics != nil { router.add(middleware: MetricsMiddleware<MQRequestContext>()) }
        if settings.tracing { router.add(middleware: RequestTracingMiddleware()) }
        router.add(middleware: FrontDoorMiddleware(allowList: settings.allowedHosts, cors: settings.cors))
        let table = RouteTable(router: router)
        addStatusRoutes(to: table)
        addDocumentRoutes(to: table)
        addAuthRoutes(to: table)
        addUserRoutes(to: table)
        addLocationRoutes(to: table)
        addVisitRoutes(to: table)
        addImageRoutes(to: table)
        addFriendRequestRoutes(to: table)
        addAchievementRoutes(to: table)
        addFeedRoutes(to: table)
        addLeaderboardRoutes(to: table)
        if let media { addMediaRoutes(to: table, store: media) }
        if let metrics = settings.metrics { addMetricsRoute(to: table, render: metrics) }
        table.finish()
        if let console = settings.console {
            // HTML pages, not part of the API: registered beside the table, so they stay out of the API document.
            ConsoleRoutes(game: game, pages: Self.consolePages(), cookie: ConsoleCookie(console), throttle: settings.throttle)
                .register(on: router)
        }
        return table
    }
}
