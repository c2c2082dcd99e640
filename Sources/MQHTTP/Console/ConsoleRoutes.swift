import FoundationEssentials
import HTTPTypes
import Hummingbird
import MQDomain

/// The staff console at `/admin/`: what Django admin did, through the game's services. Every page but
/// sign-in needs a staff member's session; every form carries the session's CSRF token; every change is
/// written to the audit log.
struct ConsoleRoutes {
    let game: MapleQuest
    let pages: ConsolePages
    let cookie: ConsoleCookie
    let throttle: AddressThrottle

    /// A signed-in staff member on one request: who, their sign-in, and the token their forms must carry.
    struct StaffVisit {
        let session: PlayerSession
        let csrf: String
        /// The refreshed session cookie, sliding the idle expiry.
        let cookie: String
        /// The submitted form, for pages that take one.
        var form = ConsoleForm(fields: [:])

        var user: User { session.user }
        var actor: StaffActor { .staff(session.user) }
    }

    typealias Page = @Sendable (Request, MQRequestContext, StaffVisit) async throws -> Response

    func register(on router: Router<MQRequestContext>) {
        router.get("/admin/static/console.css") { _, _ in
            var headers = ConsolePages.securityHeaders
            headers[.contentType] = "text/css; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: pages.stylesheet)))
        }
        router.get("/admin/login") { request, context in try signInForm(request, context) }
        router.post("/admin/login") { request, context in try await signIn(request, context) }
        router.post("/admin/logout") { request, context in
            try await staffOnly(request, context, form: true) { _, _, staff in
                try await game.auth.signOut(staff.session)
                return ConsolePages.redirect(
                    "/admin/login/", cookies: [ConsoleCookie.header(ConsoleCookie.name, "", maxAge: 0, secure: isSecure(request, context))])
            }
        }
        addDashboard(to: router)
        addUserPages(to: router)
        addContentPages(to: router)
        addPhotoPages(to: router)
    }

    /// Runs `page` for a signed-in staff member; anyone else is sent to sign in (or refused, for a
    /// player). With `form`, the request must carry the session's CSRF token, or nothing happens.
    func staffOnly(_ request: Request, _ context: MQRequestContext, form: Bool = false, _ page: Page) async throws -> Response {
        let secure = isSecure(request, context)
        let now = game.clock.now()
        guard let value = ConsoleCookie.read(ConsoleCookie.name, from: request.headers[values: .cookie]),
            let access = cookie.accessToken(from: value, now: now),
            let session = try? await game.auth.session(accessToken: access)
        else {
            return ConsolePages.redirect("/admin/login/", cookies: [ConsoleCookie.header(ConsoleCookie.name, "", maxAge: 0, secure: secure)])
        }
        guard session.user.isStaff else { return refusePlayer() }
        var staff = StaffVisit(
            session: session, csrf: cookie.csrfToken(family: session.family),
            cookie: ConsoleCookie.header(
                ConsoleCookie.name, cookie.value(accessToken: access, lastSeen: now),
                maxAge: Int(cookie.idleTimeout.components.seconds), secure: secure))
        if form {
            let submitted = try await ConsoleForm.read(request)
            guard ConsoleCookie.constantTimeEquals(submitted["csrf_token"] ?? "", staff.csrf) else { return refuseForgery(staff) }
            staff.form = submitted
        }
        return try await guarded(staff) { try await page(request, context, staff) }
    }

    /// Turns the game's refusals into a page saying what went wrong.
    func guarded(_ staff: StaffVisit, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as MapleQuestError {
            let (status, message) = Self.describe(error)
            return render("message", ["title": "Not done", "message": message], staff: staff, status: status)
        }
    }

    static func describe(_ error: MapleQuestError) -> (HTTPResponse.Status, String) {
        switch error {
        case .invalid(let fields): (.badRequest, fields.summary)
        case .notFound(let subject): (.notFound, ErrorWords.notFound(subject))
        case .forbidden(let message): (.forbidden, message)
        case .tooManyRequests: (.tooManyRequests, "Too many attempts: wait a while and try again.")
        case .overloaded: (.serviceUnavailable, "The server is busy: try again in a moment.")
        case .databaseUnavailable: (.serviceUnavailable, "The database is unavailable: try again in a moment.")
        default: (.badRequest, String(describing: error))
        }
    }

    /// A page inside the layout, for a signed-in staff member (who gets a refreshed cookie).
    func render(_ template: String, _ context: [String: Any], staff: StaffVisit, status: HTTPResponse.Status = .ok) -> Response {
        var context = context
        context["staff"] = ["email": staff.user.email]
        context["csrf"] = staff.csrf
        return pages.render(template, context, status: status, cookies: [staff.cookie])
    }

    func refusePlayer() -> Response {
        pages.render("message", ["title": "Staff only", "message": "This console is for Maple Quest staff. Players use the app."], status: .forbidden)
    }

    func refuseForgery(_ staff: StaffVisit) -> Response {
        render(
            "message",
            ["title": "Refused", "message": "This form was not sent from this console, or it expired. Nothing was changed; go back, reload and try again."],
            staff: staff, status: .forbidden)
    }

    func isSecure(_ request: Request, _ context: MQRequestContext) -> Bool {
        RequestOrigin(request).scheme == "https"
    }
}
