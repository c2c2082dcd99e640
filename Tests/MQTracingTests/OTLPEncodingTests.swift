import Foundation
import Testing
import Tracing
import W3CTraceContext

@testable import MQTracing

/// Reads protocol-buffer messages back, enough to check the encoder's structure field by field.
private struct ProtobufFields {
    var fields: [(number: Int, value: [UInt8])] = []

    init(_ bytes: [UInt8]) throws {
        var index = 0
        func varint() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard index < bytes.count else { throw Truncated() }
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }
        while index < bytes.count {
            let key = try varint()
            let length: Int
            switch key & 7 {
            case 0:
                let start = index
                _ = try varint()
                fields.append((Int(key >> 3), Array(bytes[start..<index])))
                continue
            case 1: length = 8
            case 2: length = Int(try varint())
            case 5: length = 4
            default: throw Truncated()
            }
            guard index + length <= bytes.count else { throw Truncated() }
            fields.append((Int(key >> 3), Array(bytes[index..<index + length])))
            index += length
        }
    }

    func all(_ number: Int) -> [[UInt8]] { fields.filter { $0.number == number }.map(\.value) }
    func one(_ number: Int) -> [UInt8]? { all(number).first }
    func text(_ number: Int) -> String? { one(number).map { String(decoding: $0, as: UTF8.self) } }

    struct Truncated: Error {}
}

@Suite("Spans are written in OTLP's protobuf and JSON encodings")
struct OTLPEncodingTests {
    private let traceID = TraceID(bytes: (0x0A, 0xF7, 0x65, 0x19, 0x16, 0xCD, 0x43, 0xDD, 0x84, 0x48, 0xEB, 0x21, 0x1C, 0x80, 0x31, 0x9C))
    private let spanID = SpanID(bytes: (0xB7, 0xAD, 0x6B, 0x71, 0x69, 0x20, 0x33, 0x31))
    private let parentID = SpanID(bytes: (1, 2, 3, 4, 5, 6, 7, 8))

    private var span: FinishedSpan {
        FinishedSpan(
            identity: SpanIdentity(
                traceID: traceID, spanID: spanID, parentSpanID: parentID, flags: .sampled, state: TraceState(), isRemote: false),
            parentIsRemote: true, name: "GET /api/users/me/", kind: .server, startNanoseconds: 1_700_000_000_000_000_000,
            endNanoseconds: 1_700_000_000_002_000_000,
            attributes: ["http.response.status_code": .int64(200), "db.system.name": "postgresql", "ok": true, "ratio": 0.5],
            events: [], links: [], status: SpanStatus(code: .error, message: "boom"), droppedAttributes: 0, droppedEvents: 0,
            droppedLinks: 0)
    }

    @Test func protobufNestsResourceScopeAndSpanWithEveryField() throws {
        let request = try ProtobufFields(OTLPTraceExport(serviceName: "mq-server-under-test", spans: [span]).protobuf())
        let resourceSpans = try ProtobufFields(try #require(request.one(1)))
        let resource = try ProtobufFields(try #require(resourceSpans.one(1)))
        let serviceName = try resource.all(1).map(ProtobufFields.init).first { $0.text(1) == "service.name" }
        #expect(try ProtobufFields(try #require(serviceName?.one(2))).text(1) == "mq-server-under-test")
        let scopeSpans = try ProtobufFields(try #require(resourceSpans.one(2)))
        let encoded = try ProtobufFields(try #require(scopeSpans.one(2)))
        #expect(encoded.one(1) == traceID.byteArray)
        #expect(encoded.one(2) == spanID.byteArray)
        #expect(encoded.one(4) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(encoded.text(5) == "GET /api/users/me/")
        #expect(encoded.one(6) == [2])
        #expect(encoded.one(7).map { $0.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian } } == 1_700_000_000_000_000_000)
        #expect(encoded.one(8).map { $0.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian } } == 1_700_000_000_002_000_000)
        let attributes = try encoded.all(9).map(ProtobufFields.init)
        #expect(Set(attributes.compactMap { $0.text(1) }) == ["http.response.status_code", "db.system.name", "ok", "ratio"])
        let status = try attributes.first { $0.text(1) == "http.response.status_code" }.map { try ProtobufFields(try #require($0.one(2))) }
        #expect(status?.one(3) == [200, 1])
        let flag = try attributes.first { $0.text(1) == "ok" }.map { try ProtobufFields(try #require($0.one(2))) }
        #expect(flag?.one(2) == [1])
        let spanStatus = try ProtobufFields(try #require(encoded.one(15)))
        #expect(spanStatus.text(2) == "boom" && spanStatus.one(3) == [2])
        #expect(encoded.one(16) == [0x01, 0x03, 0, 0], "sampled, with a remote parent")
    }

    @Test func jsonUsesHexIdentifiersStringIntegersAndNumericEnums() throws {
        let json = OTLPTraceExport(serviceName: "mq-server", spans: [span]).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let resourceSpans = try #require((object["resourceSpans"] as? [[String: Any]])?.first)
        let scopeSpans = try #require((resourceSpans["scopeSpans"] as? [[String: Any]])?.first)
        let encoded = try #require((scopeSpans["spans"] as? [[String: Any]])?.first)
        #expect(encoded["traceId"] as? String == "0af7651916cd43dd8448eb211c80319c")
        #expect(encoded["spanId"] as? String == "b7ad6b7169203331")
        #expect(encoded["parentSpanId"] as? String == "0102030405060708")
        #expect(encoded["kind"] as? Int == 2)
        #expect(encoded["startTimeUnixNano"] as? String == "1700000000000000000")
        let attributes = try #require(encoded["attributes"] as? [[String: Any]])
        let status = attributes.first { $0["key"] as? String == "http.response.status_code" }?["value"] as? [String: Any]
        #expect(status?["intValue"] as? String == "200")
        #expect((encoded["status"] as? [String: Any])?["code"] as? Int == 2)
    }
}
