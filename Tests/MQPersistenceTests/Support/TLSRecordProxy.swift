import Foundation
import MQTestSupport
import Testing

/// `Fixtures/tls-record-proxy.py` in front of the test cluster: a PostgreSQL that sends its answers over
/// TLS in records of up to 16 KiB, as PostgreSQL 17 and later (and RDS) do for long messages. It stops
/// when released, or with the test process, whose end closes its input.
final class TLSRecordProxy {
    let port: Int
    private let process: Process
    private let input: Pipe

    init() throws {
        let server = try TestDatabase.server()
        let (certificate, key) = try TestDatabase.tlsCertificate()
        let script = try #require(Bundle.module.url(forResource: "Fixtures/tls-record-proxy", withExtension: "py"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, certificate, key, String(server.port)]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var printed = Data()
        while !printed.contains(UInt8(ascii: "\n")), let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty {
            printed.append(byte)
        }
        guard let port = Int(String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            try input.fileHandleForWriting.close()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the TLS proxy did not start"])
        }
        self.port = port
        self.process = process
        self.input = input
    }

    deinit {
        try? input.fileHandleForWriting.close()
        kill(process.processIdentifier, SIGKILL)
    }
}
