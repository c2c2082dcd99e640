import FoundationEssentials
import MQHTTP
import MQLogging
import MQPersistence
import ServiceLifecycle

/// Writes the task's own health figures to standard output in CloudWatch's embedded metric format, once
/// per interval, when `METRICS_EMF_NAMESPACE` is set. The ECS log driver already ships standard output to
/// CloudWatch Logs, which turns each such line into metrics: no collector, no agent, no scraping.
///
/// Only what the load balancer, ECS and RDS cannot see is reported: the connection pool's saturation
/// (its peak since the previous line), requests waiting for a connection or for room on the pipeline,
/// those refused after `DB_ACQUIRE_TIMEOUT` in the interval, and the password-hashing queue. Dimension:
/// `Service` = `mq-server`, so every task's lines add up to one series per metric.
struct EmbeddedMetricsService: Service {
    let namespace: String
    let interval: Duration
    let database: PostgresStore?
    let passwordQueue: @Sendable () -> Int
    let write: @Sendable (Data) -> Void

    init(
        namespace: String, interval: Duration, database: PostgresStore?, passwordQueue: @escaping @Sendable () -> Int,
        write: @escaping @Sendable (Data) -> Void = { LogLineOutput.standardOutput.write($0) }
    ) {
        self.namespace = namespace
        self.interval = interval
        self.database = database
        self.passwordQueue = passwordQueue
        self.write = write
    }

    func run() async throws {
        let reporter = self
        await cancelWhenGracefulShutdown {
            var lastTimeouts = reporter.database?.waitStatistics().acquireTimeouts ?? 0
            while true {
                do { try await Task.sleep(for: reporter.interval) } catch { return }
                let statistics = reporter.database?.waitStatistics()
                let timeouts = statistics.map { $0.acquireTimeouts - lastTimeouts } ?? 0
                lastTimeouts = statistics?.acquireTimeouts ?? lastTimeouts
                reporter.write(reporter.line(statistics: statistics, timeouts: timeouts, at: Date()))
            }
        }
    }

    /// One EMF document: the `_aws` directive naming each metric and its unit, then the values.
    func line(statistics: PoolStatistics?, timeouts: Int, at date: Date) -> Data {
        var values: [EMFDocument.Metric] = [("PasswordHashQueue", "Count", Double(passwordQueue()))]
        if let statistics {
            values += [
                ("DatabasePoolSaturation", "Percent", Double(statistics.peakBusy) * 100 / Double(max(1, statistics.size))),
                ("DatabasePoolQueued", "Count", Double(statistics.queued)),
                ("DatabaseAcquireTimeouts", "Count", Double(timeouts)),
            ]
        }
        let document = EMFDocument(
            timestamp: Int64(date.timeIntervalSince1970 * 1000), namespace: namespace,
            values: values)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = (try? encoder.encode(document)) ?? Data()
        data.append(0x0A)
        return data
    }
}

/// One CloudWatch embedded-metric-format line: the `_aws` directive naming the metrics, then each metric's
/// value under its own name.
private struct EMFDocument: Encodable {
    /// A metric's name, its CloudWatch unit, and its value.
    typealias Metric = (name: String, unit: String, value: Double)

    var timestamp: Int64
    var namespace: String
    var values: [Metric]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Directive: Encodable {
        struct MetricSet: Encodable {
            var namespace: String
            var dimensions: [[String]]
            var metrics: [[String: String]]

            enum CodingKeys: String, CodingKey {
                case namespace = "Namespace", dimensions = "Dimensions", metrics = "Metrics"
            }
        }
        var timestamp: Int64
        var metricSets: [MetricSet]

        enum CodingKeys: String, CodingKey {
            case timestamp = "Timestamp", metricSets = "CloudWatchMetrics"
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let metrics = values.map { ["Name": $0.name, "Unit": $0.unit] }
        try container.encode(
            Directive(timestamp: timestamp, metricSets: [.init(namespace: namespace, dimensions: [["Service"]], metrics: metrics)]),
            forKey: Key("_aws"))
        try container.encode("mq-server", forKey: Key("Service"))
        for value in values { try container.encode(value.value, forKey: Key(value.name)) }
    }
}
