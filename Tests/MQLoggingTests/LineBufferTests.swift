import Foundation
import Logging
import MQLogging
import Synchronization
import Testing

@Suite("Log lines written in batches")
struct LineBufferTests {
    /// Everything a buffer handed to its sink, batch by batch.
    final class Sink: Sendable {
        let batches = Mutex<[[UInt8]]>([])
        var write: @Sendable (UnsafeRawBufferPointer) -> Void { { bytes in self.batches.withLock { $0.append(Array(bytes)) } } }
        var text: String { String(decoding: batches.withLock { $0.joined() }, as: UTF8.self) }
        var count: Int { batches.withLock { $0.count } }
    }

    @Test func linesWaitUntilFlushedThenLeaveTogetherInOrder() {
        let sink = Sink()
        let buffer = LineBuffer(interval: nil, sink: sink.write)
        for line in ["one\n", "two\n", "three\n"] { buffer.append(Array(line.utf8)) }
        #expect(sink.count == 0)
        buffer.flush()
        #expect(sink.count == 1, "one write for the three lines")
        #expect(sink.text == "one\ntwo\nthree\n")
        buffer.flush()
        #expect(sink.count == 1, "nothing waiting, nothing written")
    }

    @Test func anUrgentLineIsWrittenAtOnceAfterTheLinesBeforeIt() {
        let sink = Sink()
        let buffer = LineBuffer(interval: nil, sink: sink.write)
        buffer.append(Array("request\n".utf8))
        buffer.append(Array("warning\n".utf8), urgent: true)
        #expect(sink.text == "request\nwarning\n")
    }

    @Test func pastTheThresholdTheWriterWritesAndNoBatchGrowsBeyondIt() {
        let sink = Sink()
        let buffer = LineBuffer(threshold: 100, interval: nil, sink: sink.write)
        let line = Array(String(repeating: "x", count: 29).utf8) + [0x0A]
        for _ in 0..<40 { buffer.append(line) }
        #expect(sink.count >= 9, "1,200 bytes leave in batches without a flush")
        #expect(sink.batches.withLock { $0.allSatisfy { $0.count <= 100 + line.count } })
        buffer.flush()
        #expect(sink.text.split(separator: "\n").count == 40)
    }

    @Test func waitingLinesAreWrittenWithoutBeingAsked() async throws {
        let sink = Sink()
        let buffer = LineBuffer(interval: .milliseconds(10), sink: sink.write)
        buffer.append(Array("quiet server\n".utf8))
        for _ in 0..<3000 where sink.count == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(sink.text == "quiet server\n")
    }

    @Test func concurrentWritersLoseNothingAndNeverSplitALine() async {
        let sink = Sink()
        let buffer = LineBuffer(threshold: 1_000, interval: .milliseconds(1), sink: sink.write)
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for number in 0..<500 { buffer.append(Array("writer \(writer) line \(number)\n".utf8)) }
                }
            }
        }
        buffer.flush()
        let lines = sink.text.split(separator: "\n")
        #expect(lines.count == 4_000)
        for writer in 0..<8 {
            let own = lines.filter { $0.hasPrefix("writer \(writer) ") }
            #expect(own == (0..<500).map { "writer \(writer) line \($0)"[...] }, "each writer's lines whole and in order")
        }
    }

    @Test func warningsAndWorseAreUrgentAndRequestLinesAreNot() throws {
        let seen = Mutex<[(String, Bool)]>([])
        let output = LogLineOutput(withUrgency: { line, urgent in
            let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any]
            seen.withLock { $0.append((object?["message"] as? String ?? "", urgent)) }
        })
        let logger = Logger(label: "mq-server") { label in JSONLogHandler(label: label, level: .info, output: output) }
        logger.info("request")
        logger.notice("started")
        logger.warning("pool exhausted")
        logger.error("database down")
        let urgency = seen.withLock { $0.map { "\($0.0)=\($0.1)" } }
        #expect(urgency == ["request=false", "started=false", "pool exhausted=true", "database down=true"])
    }
}
