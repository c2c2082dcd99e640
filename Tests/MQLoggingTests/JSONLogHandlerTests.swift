import Foundation
import Logging
import MQLogging
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
        logger.info(
            "request",
            metadata: [
                "status": .stringConvertible(200), "duration_ms": .stringConvertible(2.25), "path": "/api/users/me/",
                "note": .stringConvertible(Double.nan),
            ])
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
        #expect(object["status"] as? Int == 200, "numbers stay numbers, for CloudWatch metric filters")
        #expect(object["duration_ms"] as? Double == 2.25)
        #expect(object["note"] as? String == "nan", "a value JSON cannot hold as a number is written as text")
        #expect(object["path"] as? String == "/api/users/me/")
        #expect(object["timestamp"] is String)
    }

    @Test func everyLineCarriesTheMetadataProvidersFields() throws {
        let lines = Mutex<[Data]>([])
        let provider = Logger.MetadataProvider { ["trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "00f067aa0ba902b7"] }
        let logger = Logger(label: "mq-server") { label in
            JSONLogHandler(label: label, level: .info, metadataProvider: provider) { line in lines.withLock { $0.append(line) } }
        }
        logger.info("inside a traced request")
        let line = try #require(lines.withLock { $0 }.first)
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["trace_id"] as? String == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(object["span_id"] as? String == "00f067aa0ba902b7")
    }

    @Test func aFieldNamedTwiceIsWrittenOnceWithTheMostSpecificValueAndKeysAreSorted() throws {
        let lines = Mutex<[Data]>([])
        let provider = Logger.MetadataProvider { ["origin": "provider", "trace_id": "t"] }
        var logger = Logger(label: "mq-server") { label in
            JSONLogHandler(label: label, level: .info, metadataProvider: provider) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "origin"] = "handler"
        logger[metadataKey: "level"] = "spoofed"
        logger[metadataKey: "zone"] = "handler"
        logger.info("call", metadata: ["origin": "call", "message": "spoofed", "alpha": .stringConvertible(1)])
        let line = try #require(lines.withLock { $0 }.first)
        let text = String(decoding: line, as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["origin"] as? String == "call", "the call's metadata beats the provider's and the logger's")
        #expect(object["level"] as? String == "info", "a line's own fields cannot be overwritten by metadata")
        #expect(object["message"] as? String == "call")
        #expect(object["zone"] as? String == "handler")
        #expect(text.components(separatedBy: "\"origin\"").count == 2, "each name once")
        let keys = ["alpha", "level", "logger", "message", "origin", "timestamp", "trace_id", "zone"]
        let positions = keys.map { text.range(of: "\"\($0)\":")!.lowerBound }
        #expect(positions == positions.sorted(), "keys in sorted order: \(text)")
    }
}

@Suite("Numbers in JSON log lines")
struct JSONLogNumberTests {
    /// The numbers' text as the line has them (read with Swift's own exact parsing, since Foundation's
    /// JSON reader on Linux can be a unit in the last place off).
    func written(_ values: [Logger.Metadata.Value]) throws -> [String] {
        let lines = Mutex<[Data]>([])
        let logger = Logger(label: "mq-server") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        logger.info("numbers", metadata: ["values": .array(values)])
        let line = String(decoding: try #require(lines.withLock { $0 }.first), as: UTF8.self)
        let list = try #require(line.firstRange(of: "\"values\":[").map { line[$0.upperBound...] })
        let numbers = try #require(list.split(separator: "]").first)
        #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        return numbers.split(separator: ",").map(String.init)
    }

    @Test func integersReadBackExactlyAtBothEnds() throws {
        let integers: [Int] = [0, 1, -1, 9, 10, 200, 404, -12_345, Int.max, Int.min] + (0..<200).map { _ in Int.random(in: .min ... .max) }
        let read = try written(integers.map { .stringConvertible($0) })
        #expect(read.map { Int64($0) } == integers.map { Int64($0) })
    }

    @Test func durationsAndAnyOtherDoublesReadBackAsTheSameDouble() throws {
        var doubles: [Double] = [0, -0.0, 2.25, 0.01, 0.1, 0.5, 1, 99.99, -3.07, 0.1 + 0.2, 1e300, -1e-300, 123_456_789.12, .leastNonzeroMagnitude]
        doubles += (0..<300).map { _ in (Double(Int.random(in: -10_000_000...10_000_000)) / 100) }
        doubles += (0..<300).map { _ in Double.random(in: -1e6...1e6) }
        let read = try written(doubles.map { .stringConvertible($0) })
        for (value, back) in zip(doubles, read) {
            #expect(Double(back) == value, "\(value) was written as \(back)")
        }
    }
}

@Suite("JSON log lines survive any text")
struct JSONLogLineEscapingTests {
    @Test func quotesControlCharactersAndUnicodeRoundTrip() throws {
        let lines = Mutex<[Data]>([])
        let logger = Logger(label: "mq-server") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        let hostile = "a \"quoted\" \\ path/with/slashes\n\r\t\u{0}\u{1F}\u{7F} é 🍁 \u{2028}"
        logger.info(
            "\(hostile)",
            metadata: [
                hostile: "key and value \(hostile)", "list": [.string(hostile), .stringConvertible(3), .stringConvertible(0.5)],
                "nested": ["inner": .stringConvertible(-7), "text": "x"], "big": .stringConvertible(UInt64.max),
            ])
        let line = try #require(lines.withLock { $0 }.first)
        #expect(line.last == 0x0A)
        #expect(!line.dropLast().contains(0x0A), "a newline in a value never splits the line")
        #expect(!line.contains(0x00))
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["message"] as? String == hostile)
        #expect(object[hostile] as? String == "key and value \(hostile)")
        let list = try #require(object["list"] as? [Any])
        #expect(list[0] as? String == hostile)
        #expect(list[1] as? Int == 3)
        #expect(list[2] as? Double == 0.5)
        #expect((object["nested"] as? [String: Any])?["inner"] as? Int == -7)
        #expect(object["big"] as? String == "18446744073709551615", "an integer past Int64 is written as text")
        #expect(String(decoding: line, as: UTF8.self).contains("path/with/slashes"), "slashes are not escaped")
    }
}

@Suite("JSON log lines of any size")
struct JSONLogLineSizeTests {
    /// Text made of the characters that need the most room once escaped, and of multi-byte ones.
    func randomText(length: Int) -> String {
        let alphabet: [Character] = ["\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\"", "\\", "\n", "a", "é", "🍁", "\u{2028}"]
        return String((0..<length).map { _ in alphabet.randomElement()! })
    }

    func randomValue(depth: Int) -> Logger.Metadata.Value {
        switch Int.random(in: 0..<(depth > 0 ? 6 : 4)) {
        case 0: return .string(randomText(length: Int.random(in: 0...40)))
        case 1: return .stringConvertible(Int.random(in: .min ... .max))
        case 2: return .stringConvertible(Double.random(in: -1e300...1e300))
        case 3: return .stringConvertible(-Double.leastNonzeroMagnitude)
        case 4: return .array((0..<Int.random(in: 0...5)).map { _ in randomValue(depth: depth - 1) })
        default:
            return .dictionary(
                Dictionary((0..<Int.random(in: 0...5)).map { _ in (randomText(length: Int.random(in: 0...8)), randomValue(depth: depth - 1)) }) { $1 })
        }
    }

    @Test func everyLineOfRandomEscapedTextAndNestedValuesReadsBackWhole() throws {
        for _ in 0..<200 {
            let lines = Mutex<[Data]>([])
            let logger = Logger(label: "mq-server") { label in
                JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
            }
            let message = randomText(length: Int.random(in: 0...200))
            let metadata = Logger.Metadata(
                (0..<Int.random(in: 0...12)).map { _ in (randomText(length: Int.random(in: 1...12)), randomValue(depth: 2)) }
            ) { $1 }
            logger.info("\(message)", metadata: metadata)
            let line = try #require(lines.withLock { $0 }.first)
            #expect(line.last == 0x0A)
            #expect(!line.dropLast().contains(0x0A))
            let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
            #expect(object["message"] as? String == message)
            for (key, value) in metadata where !["message", "level", "logger", "timestamp"].contains(key) {
                if case .string(let text) = value { #expect(object[key] as? String == text) } else { #expect(object[key] != nil) }
            }
        }
    }

    @Test func keysAreInTheOrderOfTheirUnicodeScalars() throws {
        let lines = Mutex<[Data]>([])
        let logger = Logger(label: "mq-server") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        let keys = ["é", "Z", "request_id", "request_bytes", "a", "🍁", "_", "requests", "request"]
        logger.info("order", metadata: Logger.Metadata(uniqueKeysWithValues: keys.map { ($0, "v") }))
        let text = String(decoding: try #require(lines.withLock { $0 }.first), as: UTF8.self)
        let all = keys + ["level", "logger", "message", "timestamp"]
        let written = all.sorted { text.range(of: "\"\($0)\":")!.lowerBound < text.range(of: "\"\($1)\":")!.lowerBound }
        #expect(written == all.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "\(text)")
    }
}
