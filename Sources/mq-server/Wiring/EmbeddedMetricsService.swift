import Foundation
import MQHTTP
import MQLogging
import MQPersistence
import ServiceLifecycle

/// Writes the task's own health figures to standard output in CloudWatch's embedded metric format, once
/// per interval, when `METRICS_EMF_NAMESPACE` is set. The ECS log driver already ships standard output to
/// CloudWatch Logs, which turns each such line into metrics: no collector, no agent, no scraping.
///
/// Only what the load balancer, ECS and RDS cannot see is reported: the connection pool's saturation
/// (its peak since the previous line), requests waiting for a connection, acquire timeouts in the
/// interval, and the password-hashing queue. Dimension: `Service` = `mq-server`, so every task's lines
/// add up to one series per metric.
struct EmbeddedMetricsService: Service {
    let namespace: String
    let interval: Duration
    let pool: ConnectionPool?
    let passwordQueue: @Sendable () -> Int
    let write: @Sendable (Data) -> Void

    init(
        namespace: String, interval: Duration, pool: ConnectionPool?, passwordQueue: @escaping @Sendable () -> Int,
        write: @escaping @Sendable (Data) -> Void = JSONLogHandler.standardOutput
    ) {
        self.namespace = namespace
        self.interval = interval
        self.pool = pool
        self.passwordQueue = passwordQueue
        self.write = write
    }

    func run() async throws {
        let reporter = self
        await cancelWhenGracefulShutdown {
            var lastTimeouts = reporter.pool?.statistics().acquireTimeouts ?? 0
            while true {
                do { try await Task.sleep(for: reporter.interval) } catch { return }
                let statistics = reporter.pool?.statistics()
                let timeouts = statistics.map { $0.acquireTimeouts - lastTimeouts } ?? 0
                lastTimeouts = statistics?.acquireTimeouts ?? lastTimeouts
                reporter.write(reporter.line(statistics: statistics, timeouts: timeouts, at: Date()))
            }
        }
    }

    /// One EMF document: the `_aws` directive naming each metric and its unit, then the values.
    func line(statistics: PoolStatistics?, timeouts: Int, at date: Date) -> Data {
        var values: [(name: String, unit: String, value: Double)] = [("PasswordHashQueue", "Count", Double(passwordQueue()))]
        if let statistics {
            values += [
                ("DatabasePoolSaturation", "Percent", Double(statistics.peakBusy) * 100 / Double(max(1, statistics.size))),
                ("DatabasePoolQueued", "Count", Double(statistics.queued)),
                ("DatabaseAcquireTimeouts", "Count", Double(timeouts)),
            ]
        }
        var document: [String: Any] = [
            "_aws": [
                "Timestamp": Int64(date.timeIntervalSince1970 * 1000),
                "CloudWatchMetrics": [
                    [
                        "Namespace": namespace,
                        "Dimensions": [["Service"]],
                        "Metrics": values.map { ["Name": $0.name, "Unit": $0.unit] },
                    ]
                ],
            ] as [String: Any],
            "Service": "mq-server",
        ]
        for value in values { document[value.name] = value.value }
        var data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        data.append(0x0A)
        return data
    }
}
