import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MQHTTP
import MQLogging
import Synchronization
import Testing

@Suite("One log line per request, as CloudWatch reads it")
struct RequestLogTests {
    @Test func aRequestLogsOneLineWithOneRequestIDAndNumbersAsNumbers() async throws {
        let lines = Mutex<[Data]>([])
        let logger = Logger(label: "mq-server") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        let sent = Mutex(0)
        try await TestServer().test(logger: logger) { client in
            let response = try await client.execute(uri: "/api/locations/", method: .get, headers: [HTTPField.Name("X-Request-ID")!: "trace-me-42"])
            #expect(response.status == .ok)
            #expect(response.headers[HTTPField.Name("X-Request-ID")!] == "trace-me-42")
            sent.withLock { $0 = response.body.readableBytes }
        }
        let objects = try lines.withLock { $0 }.map { try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any]) }
        let requestLines = objects.filter { $0["message"] as? String == "request" }
        #expect(requestLines.count == 1)
        let line = try #require(requestLines.first)
        #expect(line["request_id"] as? String == "trace-me-42")
        #expect(line.keys.filter { $0.contains("request") && $0.contains("id") } == ["request_id"], "one request id, not Hummingbird's as well")
        #expect(line["status"] as? Int == 200)
        #expect(line["duration_ms"] is Double || line["duration_ms"] is Int)
        #expect(line["path"] as? String == "/api/locations/")
        #expect(line["method"] as? String == "GET")
        #expect(line["response_bytes"] as? Int == sent.withLock { $0 }, "the size of the page sent, as a number")
    }

    @Test func anErrorAnswerIsLoggedWithTheStatusItWasAnswered() async throws {
        let lines = Mutex<[Data]>([])
        let logger = Logger(label: "mq-server") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        try await TestServer().test(logger: logger) { client in
            let response = try await client.execute(uri: "/api/users/me/", method: .get)
            #expect(response.status == .unauthorized)
        }
        let objects = try lines.withLock { $0 }.map { try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any]) }
        let line = try #require(objects.first { $0["message"] as? String == "request" })
        #expect(line["status"] as? Int == 401)
        #expect(line["path"] as? String == "/api/users/me/")
        #expect((line["request_id"] as? String)?.count == 32)
    }
}
