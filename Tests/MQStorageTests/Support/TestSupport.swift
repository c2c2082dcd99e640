import Foundation
import MQDomain
import MQStorage
import Synchronization
import Testing

/// A clock the test sets and moves.
final class TestClock: WallClock {
    private let current: Mutex<Date>

    init(_ date: Date = ISO8601DateFormatter().date(from: "2026-11-25T12:00:00Z")!) {
        current = Mutex(date)
    }

    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Always the same credentials.
struct FixedCredentials: CredentialsProvider {
    var value: AWSCredentials
    func credentials() async throws -> AWSCredentials { value }
}

/// Never any credentials.
struct NoCredentials: CredentialsProvider {
    func credentials() async throws -> AWSCredentials { throw CredentialsError.unavailable("test") }
}

let exampleKeys = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

/// Runs a Python script from the test bundle's `Vectors` folder with one argument; returns its stdout.
func runVectorScript(_ name: String, _ argument: String) throws -> Data {
    let script = try #require(Bundle.module.url(forResource: "Vectors/\(name)", withExtension: "py"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, argument]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw VectorScriptFailed() }
    return data
}

struct VectorScriptFailed: Error, CustomStringConvertible {
    var description: String { "the vector script failed: is botocore installed (pip install boto3)?" }
}
