import Foundation
import Logging
import MQPersistence
import ServiceLifecycle
import Synchronization
import Testing

@testable import mq_server

@Suite("Health figures as CloudWatch embedded-metric-format lines")
struct EmbeddedMetricsTests {
    static func document(_ data: Data) throws -> [String: Any] {
        #expect(data.last == 0x0A)
        #expect(!data.dropLast().contains(0x0A), "one document per line")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func eachLineDeclaresItsMetricsAndCarriesEveryValueAndDimension() throws {
        let service = EmbeddedMetricsService(namespace: "MapleQuest", interval: .seconds(60), database: nil, passwordQueue: { 3 }) { _ in }
        let statistics = PoolStatistics(size: 8, busy: 2, peakBusy: 6, open: 8, queued: 4, acquireTimeouts: 10)
        let document = try Self.document(service.line(statistics: statistics, timeouts: 2, at: Date(timeIntervalSince1970: 1_700_000_000)))
        let directive = try #require(document["_aws"] as? [String: Any])
        #expect(directive["Timestamp"] as? Int == 1_700_000_000_000)
        let declaration = try #require((directive["CloudWatchMetrics"] as? [[String: Any]])?.first)
        #expect(declaration["Namespace"] as? String == "MapleQuest")
        let dimensions = try #require(declaration["Dimensions"] as? [[String]])
        for key in dimensions.flatMap({ $0 }) { #expect(document[key] is String, "dimension \(key) has a value") }
        let metrics = try #require(declaration["Metrics"] as? [[String: String]])
        for metric in metrics {
            let name = try #require(metric["Name"])
            #expect(document[name] is Double || document[name] is Int, "\(name) has a number")
            #expect(["Count", "Percent"].contains(metric["Unit"]))
        }
        #expect(Set(metrics.compactMap { $0["Name"] }) == ["PasswordHashQueue", "DatabasePoolSaturation", "DatabasePoolQueued", "DatabaseAcquireTimeouts"])
        #expect(document["DatabasePoolSaturation"] as? Double == 75, "the peak of 6 of 8 connections")
        #expect(document["DatabaseAcquireTimeouts"] as? Double == 2, "timeouts in this interval, not since start")
        #expect(document["PasswordHashQueue"] as? Double == 3)
    }

    @Test func onTheInMemoryStoreOnlyTheHashQueueIsReported() throws {
        let service = EmbeddedMetricsService(namespace: "MapleQuest", interval: .seconds(60), database: nil, passwordQueue: { 0 }) { _ in }
        let document = try Self.document(service.line(statistics: nil, timeouts: 0, at: Date()))
        #expect(document["DatabasePoolSaturation"] == nil)
        #expect(document["PasswordHashQueue"] as? Double == 0)
    }

    @Test func theServiceWritesALinePerIntervalAndStopsOnShutdown() async throws {
        let lines = Mutex<[Data]>([])
        let service = EmbeddedMetricsService(namespace: "MapleQuest", interval: .milliseconds(5), database: nil, passwordQueue: { 1 }) { line in
            lines.withLock { $0.append(line) }
        }
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: .init(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while lines.withLock({ $0.count }) < 3 { try await Task.sleep(for: .milliseconds(5)) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        for line in lines.withLock({ $0 }) { _ = try Self.document(line) }
    }
}
