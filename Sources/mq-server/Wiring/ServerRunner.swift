import Hummingbird
import HummingbirdCore
import Logging
import MQAuth
import MQDomain
import MQHTTP
import MQPersistence
import ServiceLifecycle
import UnixSignals

/// The HTTP application and the services beside it, in the order they must stop: the drain first,
/// then the server (which finishes in-flight requests), then background work, and last the span
/// exporter, so the final requests' spans still leave.
struct ServerRunner {
    let group: ServiceGroup

    /// - Parameters:
    ///   - spanExporter: the tracer's background service, when tracing is on.
    ///   - onListening: told the bound port once the server accepts connections.
    init(
        assembly: GameAssembly, configuration: ServerConfiguration, signals: [UnixSignal] = [.sigterm, .sigint],
        spanExporter: (any Service)? = nil, logger: Logger, onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        let app = Application(
            router: assembly.api.router(),
            server: MapleQuestAPI.server,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "mq-server",
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: logger)),
            onServerRunning: { channel in
                logger.notice("listening on \(channel.localAddress.map { "\($0)" } ?? "\(configuration.host):\(configuration.port)")")
                onListening(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger)
        let purge = SessionPurgeService(sessions: assembly.sessions, clock: assembly.game.clock, logger: logger)
        let drain = DrainService(serving: assembly.api.serving, period: configuration.drainPeriod, logger: logger)
        var background: [ServiceGroupConfiguration.ServiceConfiguration] = spanExporter.map { [.init(service: $0)] } ?? []
        if let namespace = configuration.embeddedMetricsNamespace {
            let passwords = assembly.passwords
            background.append(
                .init(
                    service: EmbeddedMetricsService(
                        namespace: namespace, interval: configuration.embeddedMetricsInterval, database: assembly.database,
                        passwordQueue: { passwords.queueLength })))
        }
        group = ServiceGroup(
            configuration: .init(
                services: background + [.init(service: purge), .init(service: app), .init(service: drain)],
                gracefulShutdownSignals: signals,
                logger: logger))
    }

    func run() async throws {
        try await group.run()
    }
}
