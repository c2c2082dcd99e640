import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MQDomain
import MQHTTP
import Synchronization
import Testing

/// The staff console's rules, over the real router: who gets a session, what a session allows, and what
/// a forged or stale request gets.
@Suite("Staff console: sessions, CSRF and escaping")
struct ConsoleTests {
    final class ManualClock: WallClock {
        private let current = Mutex(Date())
        func now() -> Date { current.withLock { $0 } }
        func advance(minutes: Double) { current.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
    }

    static let settings = HTTPSettings(console: ConsoleSettings(secret: TestServer.secret, idleTimeout: .seconds(30 * 60)))

    /// A server with the console on and one staff account; the clock is the test's.
    func server(clock: ManualClock = ManualClock()) async throws -> (TestServer, User) {
        let server = TestServer(settings: Self.settings, clock: clock)
        let staff = try await server.game.auth.register(Registration(email: "staff@example.com", password: TestServer.password)).user
        let promoted = try await server.game.moderation.setStaff(staff.id, true, by: .operatorCommand("test"))
        return (server, promoted)
    }

    @Test func staffSignInAndEveryPageForbidsFramingCachingAndScripts() async throws {
        let (server, _) = try await server()
        try await server.test { client in
            let session = try await client.signIn("staff@example.com", TestServer.password)
            let cookie = try #require(session.setCookie)
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/admin/"))
            #expect(!cookie.contains("Secure"), "plain HTTP in the test; behind the load balancer's HTTPS it is Secure")
            let dashboard = try await client.console(.get, "/admin/", cookie: session.cookie)
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("<h1>Dashboard</h1>") && dashboard.text.contains("<svg"))
            #expect(dashboard.headers[.init("X-Frame-Options")!] == "DENY")
            #expect(dashboard.headers[.cacheControl] == "no-store")
            #expect(dashboard.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        }
    }

    @Test func behindHTTPSTheCookieIsSecure() async throws {
        let (server, _) = try await server()
        try await server.test { client in
            let session = try await client.signIn("staff@example.com", TestServer.password, headers: [.init("X-Forwarded-Proto")!: "https"])
            #expect(session.setCookie?.contains("; Secure") == true)
        }
    }

    @Test func aPlayerWithTheRightPasswordGetsNoSession() async throws {
        let (server, _) = try await server()
        _ = try await server.game.auth.register(Registration(email: "player@example.com", password: TestServer.password))
        try await server.test { client in
            let attempt = try await client.signIn("player@example.com", TestServer.password)
            #expect(attempt.response.status == .forbidden)
            #expect(attempt.setCookie == nil)
            #expect(try await client.console(.get, "/admin/users/").status == .seeOther, "no cookie, no console")
        }
    }

    @Test func aFormWithoutItsSessionsCSRFTokenChangesNothing() async throws {
        let (server, _) = try await server()
        let victim = try await server.game.auth.register(Registration(email: "victim@example.com", password: TestServer.password)).user
        try await server.test { client in
            let session = try await client.signIn("staff@example.com", TestServer.password)
            for body in ["", "csrf_token=forged", "csrf_token=" + String(repeating: "0", count: 64)] {
                let forged = try await client.console(.post, "/admin/users/\(victim.id)/delete/", cookie: session.cookie, form: body)
                #expect(forged.status == .forbidden)
            }
            #expect(try await server.game.moderation.player(victim.id).id == victim.id, "still there")
            let page = try await client.console(.get, "/admin/users/\(victim.id)/", cookie: session.cookie)
            let token = try #require(page.text.csrfToken)
            let deleted = try await client.console(.post, "/admin/users/\(victim.id)/delete/", cookie: session.cookie, form: "csrf_token=\(token)")
            #expect(deleted.status == .ok)
            await #expect(throws: MapleQuestError.self) { try await server.game.moderation.player(victim.id) }
            let audit = try await server.game.audit.entries(PageRequest(), requestedBy: try await server.game.moderation.player("staff@example.com"))
            #expect(audit.items.first?.action == "user.delete" && audit.items.first?.actor == "staff@example.com")
        }
    }

    @Test func anIdleSessionExpiresAndActivityKeepsItAlive() async throws {
        let clock = ManualClock()
        let (server, _) = try await server(clock: clock)
        try await server.test { client in
            var cookie = try await client.signIn("staff@example.com", TestServer.password).cookie
            for _ in 0..<2 {
                clock.advance(minutes: 20)
                let page = try await client.console(.get, "/admin/users/", cookie: cookie)
                #expect(page.status == .ok, "twenty minutes apart is not idle")
                cookie = try #require(page.headers[.setCookie]?.sessionCookie)
            }
            clock.advance(minutes: 31)
            let stale = try await client.console(.get, "/admin/users/", cookie: cookie)
            #expect(stale.status == .seeOther)
            #expect(stale.headers[.location] == "/admin/login/")
        }
    }

    @Test func aTamperedCookieIsNoSession() async throws {
        let (server, _) = try await server()
        try await server.test { client in
            let cookie = try await client.signIn("staff@example.com", TestServer.password).cookie
            let parts = cookie.split(separator: "~").map(String.init)
            let later = [parts[0], String(Int(parts[1])! + 3600), parts[2]].joined(separator: "~")
            #expect(try await client.console(.get, "/admin/", cookie: later).status == .seeOther, "the last-seen time is signed")
        }
    }

    @Test func playersWordsAreShownAsTextNeverAsMarkup() async throws {
        let (server, _) = try await server()
        let player = try await server.game.auth.register(
            Registration(
                email: "mallory@example.com", password: TestServer.password, firstName: "<script>alert(1)</script>")
        ).user
        try await server.test { client in
            let cookie = try await client.signIn("staff@example.com", TestServer.password).cookie
            let page = try await client.console(.get, "/admin/users/?q=mallory", cookie: cookie)
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.text.contains("<script>"))
            #expect(page.text.contains(player.id))
        }
    }

    @Test func achievementsAreCreatedEditedAndDeletedThroughTheServiceAndAudited() async throws {
        let (server, staff) = try await server()
        try await server.test { client in
            let cookie = try await client.signIn("staff@example.com", TestServer.password).cookie
            let form = try await client.console(.get, "/admin/achievements/new/", cookie: cookie)
            let token = try #require(form.text.csrfToken)
            let refused = try await client.console(
                .post, "/admin/achievements/new/", cookie: cookie, form: "csrf_token=\(token)&id=explorer&description=Visit+all&points=-5")
            #expect(refused.status == .badRequest, "validated as the API validates")
            #expect(refused.text.contains("explorer"), "the form comes back with what was typed")
            let created = try await client.console(
                .post, "/admin/achievements/new/", cookie: cookie, form: "csrf_token=\(token)&id=explorer&description=Visit+all&points=50")
            #expect(created.status == .seeOther)
            #expect(try await server.game.achievements.achievement("explorer").points == 50)
            let edited = try await client.console(
                .post, "/admin/achievements/explorer/", cookie: cookie, form: "csrf_token=\(token)&description=Visit+every+one&points=75")
            #expect(edited.status == .seeOther)
            #expect(try await server.game.achievements.achievement("explorer").description == "Visit every one")
            let deleted = try await client.console(.post, "/admin/achievements/explorer/delete/", cookie: cookie, form: "csrf_token=\(token)")
            #expect(deleted.status == .seeOther)
            await #expect(throws: MapleQuestError.self) { try await server.game.achievements.achievement("explorer") }
        }
        let actions = try await server.game.audit.entries(PageRequest(), requestedBy: staff).items.map(\.action)
        #expect(actions.prefix(3) == ["achievement.delete", "achievement.update", "achievement.create"])
    }

    @Test func friendRequestsAreListedAndFilteredByStatus() async throws {
        let (server, _) = try await server()
        let ann = try await server.game.auth.register(Registration(email: "ann@example.com", password: TestServer.password)).user
        let bob = try await server.game.auth.register(Registration(email: "bob@example.com", password: TestServer.password)).user
        _ = try await server.store.friendRequests.create(from: ann.id, to: bob.id, at: Date(), waitingLimit: .max)
        try await server.test { client in
            let cookie = try await client.signIn("staff@example.com", TestServer.password).cookie
            let pending = try await client.console(.get, "/admin/friend-requests/?status=pending", cookie: cookie)
            #expect(pending.text.contains("1 request(s)") && pending.text.contains(ann.id) && pending.text.contains(bob.id))
            let accepted = try await client.console(.get, "/admin/friend-requests/?status=accepted", cookie: cookie)
            #expect(accepted.text.contains("0 request(s)"))
        }
    }

    @Test func theConsoleIsOffUnlessEnabled() async throws {
        let server = TestServer()
        try await server.test { client in
            let dashboard = try await client.console(.get, "/admin/")
            let signIn = try await client.console(.get, "/admin/login/")
            #expect(dashboard.status == .notFound)
            #expect(signIn.status == .notFound)
        }
    }
}

/// What signing in to the console gave.
struct ConsoleSignIn {
    let response: TestResponse
    var setCookie: String? { response.headers[values: .setCookie].first { $0.hasPrefix("mq_console=") && !$0.hasPrefix("mq_console=;") } }
    /// The session cookie's value, for the next request.
    var cookie: String { setCookie?.sessionCookie ?? "" }
}

extension TestClientProtocol {
    /// A console request; `cookie` is the session's value, `cookieHeader` a whole `Cookie` header.
    func console(
        _ method: HTTPRequest.Method, _ uri: String, cookie: String? = nil, cookieHeader: String? = nil, form: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if let cookie { headers[.cookie] = "mq_console=\(cookie)" }
        if let cookieHeader { headers[.cookie] = cookieHeader }
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        return try await execute(uri: uri, method: method, headers: headers, body: form.map { ByteBuffer(string: $0) })
    }

    func signIn(_ email: String, _ password: String, headers: HTTPFields = [:]) async throws -> ConsoleSignIn {
        let form = try await console(.get, "/admin/login/", headers: headers)
        let nonce = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("mq_console_signin=") }?.cookieValue)
        let token = try #require(form.text.csrfToken)
        let body = "csrf_token=\(token)&email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&password=\(password)"
        let response = try await console(.post, "/admin/login/", cookieHeader: "mq_console_signin=\(nonce)", form: body, headers: headers)
        return ConsoleSignIn(response: response)
    }
}

extension String {
    /// The value of a `Set-Cookie` line.
    var cookieValue: String? {
        split(separator: ";").first.flatMap { $0.split(separator: "=", maxSplits: 1).last.map(String.init) }
    }

    /// The console session's value, from a `Set-Cookie` line.
    var sessionCookie: String? { hasPrefix("mq_console=") ? cookieValue : nil }

    /// The first form's CSRF token on a page.
    var csrfToken: String? {
        guard let start = range(of: #"name="csrf_token" value=""#)?.upperBound, let end = self[start...].firstIndex(of: "\"") else { return nil }
        return String(self[start..<end])
    }
}
