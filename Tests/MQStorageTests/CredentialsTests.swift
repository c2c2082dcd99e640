import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MQStorage
import Synchronization
import Testing

/// A stand-in for the ECS agent and EC2 instance metadata: serves credentials that rotate on every
/// fetch, counting fetches and remembering the headers it saw.
final class MetadataServer: Sendable {
    let fetches = Mutex(0)
    let authorizations = Mutex<[String]>([])
    let expiresIn: TimeInterval
    let clock: TestClock

    init(clock: TestClock, expiresIn: TimeInterval = 3600) {
        self.clock = clock
        self.expiresIn = expiresIn
    }

    func document() -> String {
        let fetch = fetches.withLock {
            $0 += 1; return $0
        }
        let expiration = ISO8601DateFormatter().string(from: clock.now().addingTimeInterval(expiresIn))
        return #"{"AccessKeyId": "ASIAFETCH\#(fetch)", "SecretAccessKey": "secret\#(fetch)", "Token": "token\#(fetch)", "Expiration": "\#(expiration)"}"#
    }

    func run(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("/v2/credentials/task") { request, _ -> Response in
            if let authorization = request.headers[.authorization] { self.authorizations.withLock { $0.append(authorization) } }
            try await Task.sleep(for: .milliseconds(50))
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: self.document())))
        }
        router.get("/broken") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "<html>nope</html>"))) }
        router.get("/failing") { _, _ in Response(status: .internalServerError) }
        router.put("/latest/api/token") { request, _ -> Response in
            guard request.headers[HTTPField.Name("X-aws-ec2-metadata-token-ttl-seconds")!] == "21600" else { return Response(status: .badRequest) }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "imds-session")))
        }
        router.get("/latest/meta-data/iam/security-credentials/") { request, _ -> Response in
            guard request.headers[HTTPField.Name("X-aws-ec2-metadata-token")!] == "imds-session" else { return Response(status: .unauthorized) }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "maple-quest-role\n")))
        }
        router.get("/latest/meta-data/iam/security-credentials/maple-quest-role") { request, _ -> Response in
            guard request.headers[HTTPField.Name("X-aws-ec2-metadata-token")!] == "imds-session" else { return Response(status: .unauthorized) }
            return Response(
                status: .ok,
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: #"{"Code": "Success", "AccessKeyId": "ASIAEC2", "SecretAccessKey": "s", "Token": "t", "Expiration": "2030-01-01T00:00:00Z"}"#)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port!)") }
    }
}

@Suite("Where S3 credentials come from", .serialized)
struct CredentialsTests {
    @Test func theEnvironmentsKeysComeFirst() async throws {
        let chain = CredentialsChain.standard(environment: [
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "session",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/never-asked", "AWS_EC2_METADATA_DISABLED": "true",
        ])
        #expect(try await chain.credentials() == AWSCredentials(accessKeyID: "AKIAENV", secretAccessKey: "secret", sessionToken: "session"))
    }

    @Test func nothingConfiguredIsSaidPlainly() async {
        let chain = CredentialsChain.standard(environment: ["AWS_EC2_METADATA_DISABLED": "true"])
        await #expect(throws: CredentialsError.notConfigured) { try await chain.credentials() }
    }

    @Test func anECSTaskUsesItsRoleThroughTheRelativeURI() async throws {
        let clock = TestClock()
        let server = MetadataServer(clock: clock)
        try await server.run { base in
            let provider = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/task"], agentBase: base)
            let credentials = try await provider.credentials()
            #expect(credentials.accessKeyID == "ASIAFETCH1")
            #expect(credentials.sessionToken == "token1")
            #expect(credentials.expiration == clock.now().addingTimeInterval(3600))
        }
    }

    @Test func aFullURISendsTheAuthorizationTokenFromTheFileFirst() async throws {
        let server = MetadataServer(clock: TestClock())
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try "from-the-file\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        try await server.run { base in
            let withFile = ContainerCredentialsProvider(environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": base + "/v2/credentials/task",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile.path, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "from-the-variable",
            ])
            _ = try await withFile.credentials()
            let withVariable = ContainerCredentialsProvider(environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": base + "/v2/credentials/task", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "from-the-variable",
            ])
            _ = try await withVariable.credentials()
        }
        #expect(server.authorizations.withLock { $0 } == ["from-the-file", "from-the-variable"])
    }

    @Test(arguments: ["http://example.com/creds", "http://10.0.0.5/creds", "ftp://127.0.0.1/creds", "http://169.254.169.254/creds"])
    func aFullURIThatIsNeitherHTTPSNorLocalIsRefused(uri: String) async {
        let provider = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "secret"])
        await #expect(throws: CredentialsError.self) { try await provider.credentials() }
    }

    @Test func badAnswersAreUnavailableNotCrashes() async throws {
        try await MetadataServer(clock: TestClock()).run { base in
            for path in ["/broken", "/failing", "/missing"] {
                let provider = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": path], agentBase: base)
                await #expect(throws: CredentialsError.self) { try await provider.credentials() }
            }
        }
    }

    @Test func anEC2InstanceUsesIMDSv2() async throws {
        try await MetadataServer(clock: TestClock()).run { base in
            let provider = InstanceMetadataCredentialsProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": base])
            let credentials = try await provider.credentials()
            #expect(credentials.accessKeyID == "ASIAEC2")
            #expect(credentials.sessionToken == "t")
        }
    }

    @Test func cachedCredentialsAreFetchedOnceAndRefreshedWellBeforeExpiry() async throws {
        let clock = TestClock()
        let server = MetadataServer(clock: clock, expiresIn: 3600)
        try await server.run { base in
            let cache = CachedCredentials(
                ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/task"], agentBase: base), clock: clock)
            let concurrent = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 { group.addTask { try await cache.credentials().accessKeyID } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(concurrent == ["ASIAFETCH1"])
            #expect(server.fetches.withLock { $0 } == 1, "concurrent callers share one fetch")

            clock.advance(30 * 60)
            #expect(try await cache.credentials().accessKeyID == "ASIAFETCH1", "half an hour left: no refresh yet")
            clock.advance(20 * 60)
            #expect(try await cache.credentials().accessKeyID == "ASIAFETCH2", "ten minutes left: refreshed")
            #expect(server.fetches.withLock { $0 } == 2)
        }
    }

    @Test func aFailedRefreshKeepsUsingCredentialsThatAreStillValid() async throws {
        let clock = TestClock()
        let flaky = FlakyProvider(clock: clock)
        let cache = CachedCredentials(flaky, clock: clock)
        #expect(try await cache.credentials().accessKeyID == "first")
        flaky.failing.withLock { $0 = true }
        clock.advance(50 * 60)
        #expect(try await cache.credentials().accessKeyID == "first", "still valid for ten minutes")
        clock.advance(10 * 60)
        await #expect(throws: CredentialsError.self) { try await cache.credentials() }
    }
}

final class FlakyProvider: CredentialsProvider {
    let failing = Mutex(false)
    let clock: TestClock

    init(clock: TestClock) { self.clock = clock }

    func credentials() async throws -> AWSCredentials {
        if failing.withLock({ $0 }) { throw CredentialsError.unavailable("flaky") }
        return AWSCredentials(accessKeyID: "first", secretAccessKey: "s", sessionToken: "t", expiration: clock.now().addingTimeInterval(3600))
    }
}
