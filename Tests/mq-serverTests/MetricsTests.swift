import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MQHTTP
import Testing

@testable import mq_server

@Suite("Prometheus metrics")
struct MetricsTests {
    @Test func metricsAreServedOnlyWhenEnabledAndNeverThroughTheLoadBalancer() async throws {
        let off = try GameAssembly(try ServerConfiguration.read(from: ["SECRET_KEY": "k"]))
        try await Application(router: off.api.router()).test(.router) { client in
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .notFound)
        }

        let on = try GameAssembly(try ServerConfiguration.read(from: ["SECRET_KEY": "k", "METRICS_ENABLED": "true"]))
        try await Application(router: on.api.router()).test(.router) { client in
            _ = try await client.execute(uri: "/api/locations/", method: .get)
            _ = try await client.execute(uri: "/api/nowhere/", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            let text = String(buffer: metrics.body)
            #expect(text.contains("hb_requests"))
            #expect(text.contains("http_server_request_duration"))
            let proxied = try await client.execute(uri: "/metrics", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9"])
            #expect(proxied.status == .notFound)
        }
    }
}
