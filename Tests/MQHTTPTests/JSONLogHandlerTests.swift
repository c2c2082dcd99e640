import Foundation
import Logging
import MQHTTP
import Synchronization
import Testing

@Suite("JSON log lines for CloudWatch")
struct JSONLogHandlerTests {
    @Test func eachEventIsOneJSONObjectOnOneLine() throws {
        let lines = Mutex<[Data]>([])
        var logger = Logger(label: "mq-server") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "request_id"] = "abc123"
        logger.info("request", metadata: ["status": .stringConvertible(200), "path": "/api/users/me/"])
        logger.debug("below the level")
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.last == 0x0A)
        #expect(!line.dropLast().contains(0x0A))
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["message"] as? String == "request")
        #expect(object["level"] as? String == "info")
        #expect(object["logger"] as? String == "mq-server")
        #expect(object["request_id"] as? String == "abc123")
        #expect(object["status"] as? String == "200")
        #expect(object["path"] as? String == "/api/users/me/")
        #expect(object["timestamp"] is String)
    }
}
