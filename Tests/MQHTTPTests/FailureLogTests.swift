import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MQDomain
import MQLogging
import Synchronization
import Testing

@testable import MQHTTP

@Suite("An outage logs what happened once, not once per refused request")
struct FailureLogTests {
    struct Bug: Error {}

    /// Every error line the application wrote, as JSON objects.
    final class Lines: Sendable {
        private let lines = Mutex<[Data]>([])
        var logger: Logger {
            Logger(label: "mq-server") { label in
                JSONLogHandler(label: label, level: .info) { line in self.lines.withLock { $0.append(line) } }
            }
        }
        func errors() throws -> [[String: Any]] {
            try lines.withLock { $0 }.map { try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any]) }
                .filter { $0["level"] as? String == "error" }
        }
    }

    /// A server whose database is gone: every `/down/N` fails as a lost connection would, each with its
    /// own message, and `/bug` fails as a bug would.
    func failingServer(_ failures: FailureLogThrottle, logger: Logger) -> some ApplicationProtocol {
        let router = Router(context: MQRequestContext.self)
        router.add(middleware: FrontDoorMiddleware(errors: ErrorAnswers(failures: failures)))
        router.get("/down/:n") { _, context -> Response in
            throw MapleQuestError.databaseUnavailable("connection to server at 10.0.0.\(context.parameters.get("n") ?? "") failed")
        }
        router.get("/bug") { _, _ -> Response in throw Bug() }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
    }

    @Test func fortyConcurrentRequestsRefusedForALostDatabaseWriteOneErrorLine() async throws {
        let lines = Lines()
        try await failingServer(FailureLogThrottle(), logger: lines.logger).test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<40 { group.addTask { try await client.execute(uri: "/down/\(index)", method: .get).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: .serviceUnavailable, count: 40), "every request is still answered 503")
        }
        let errors = try lines.errors()
        #expect(errors.count == 1)
        #expect(errors.first?["message"] as? String == "request failed")
        #expect(errors.first?["similar_unlogged"] == nil, "nothing went unlogged before the first line")
    }

    @Test func aFailureOfAnotherKindIsLoggedAtOnce() async throws {
        let lines = Lines()
        try await failingServer(FailureLogThrottle(), logger: lines.logger).test(.router) { client in
            for index in 0..<5 { _ = try await client.execute(uri: "/down/\(index)", method: .get) }
            #expect(try await client.execute(uri: "/bug", method: .get).status == .internalServerError)
        }
        #expect(try lines.errors().map { $0["message"] as? String } == ["request failed", "unexpected error"])
    }

    @Test func theFirstLineAfterTheWindowSaysHowManyWentUnlogged() async throws {
        let lines = Lines()
        let throttle = FailureLogThrottle(window: .seconds(10))
        let lost = FailureLogThrottle.kind(of: MapleQuestError.databaseUnavailable(""))
        let longAgo = ContinuousClock.now - .seconds(60)
        _ = throttle.admit(lost, at: longAgo)
        for second in 1...3 { _ = throttle.admit(lost, at: longAgo + .seconds(second)) }
        try await failingServer(throttle, logger: lines.logger).test(.router) { client in
            _ = try await client.execute(uri: "/down/1", method: .get)
            _ = try await client.execute(uri: "/down/2", method: .get)
        }
        let errors = try lines.errors()
        #expect(errors.count == 1)
        #expect(errors.first?["similar_unlogged"] as? Int == 3, "the three failures counted a minute ago, as a number")
    }

    @Test func withNoWindowEveryFailureIsLogged() async throws {
        let lines = Lines()
        try await failingServer(FailureLogThrottle(window: .zero), logger: lines.logger).test(.router) { client in
            for index in 0..<3 { _ = try await client.execute(uri: "/down/\(index)", method: .get) }
        }
        #expect(try lines.errors().count == 3)
    }

    @Test func theThrottleCountsWithinTheWindowAndHandsTheCountOn() {
        let throttle = FailureLogThrottle(window: .seconds(10))
        let start = ContinuousClock.now
        #expect(throttle.admit("lost", at: start) == 0)
        for second in 1...5 { #expect(throttle.admit("lost", at: start + .seconds(second)) == nil) }
        #expect(throttle.admit("other", at: start + .seconds(5)) == 0, "kinds are counted apart")
        #expect(throttle.admit("lost", at: start + .seconds(10)) == 5)
        #expect(throttle.admit("lost", at: start + .seconds(11)) == nil)
        #expect(throttle.admit("lost", at: start + .seconds(30)) == 1)
    }

    @Test func kindsPastTheLimitAreAlwaysLoggedAndNeverRemembered() {
        let throttle = FailureLogThrottle(window: .seconds(10))
        let now = ContinuousClock.now
        for kind in 0..<FailureLogThrottle.kindLimit { #expect(throttle.admit("kind \(kind)", at: now) == 0) }
        #expect(throttle.admit("one more", at: now) == 0)
        #expect(throttle.admit("one more", at: now) == 0, "not tracked, so never held back")
        #expect(throttle.admit("kind 0", at: now) == nil, "the tracked kinds are still counted")
    }

    @Test func aKindIsTheErrorsCaseNotItsMessage() {
        let kind = FailureLogThrottle.kind(of:)
        #expect(kind(MapleQuestError.databaseUnavailable("at 10.0.0.1")) == kind(MapleQuestError.databaseUnavailable("at 10.0.0.2")))
        #expect(kind(MapleQuestError.databaseUnavailable("x")) != kind(MapleQuestError.storageUnavailable("x")))
        #expect(kind(MapleQuestError.overloaded(retryAfter: 1)) == kind(MapleQuestError.overloaded(retryAfter: 2)))
        #expect(kind(MapleQuestError.invalidCredentials) != kind(MapleQuestError.overloaded(retryAfter: 1)))
        #expect(kind(Bug()) != kind(MapleQuestError.invalidCredentials))
    }
}
