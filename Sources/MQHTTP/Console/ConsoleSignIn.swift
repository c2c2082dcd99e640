import FoundationEssentials
import Hummingbird
import MQDomain

extension ConsoleRoutes {
    /// The sign-in form, with a CSRF token double-submitted through a cookie of its own.
    func signInForm(_ request: Request, _ context: MQRequestContext, message: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        var generator = SystemRandomNumberGenerator()
        let nonce = Hexadecimal.string(generator.next(), generator.next())
        var page: [String: Any] = ["title": "Sign in", "csrf": cookie.signInToken(nonce: nonce)]
        if let message { page["error"] = message }
        return pages.render(
            "login", page, status: status,
            cookies: [
                ConsoleCookie.header(ConsoleCookie.signInName, nonce, maxAge: 3600, secure: isSecure(request, context))
            ])
    }

    /// Signs a staff member in with the game's own login (the same per-address and per-account limits as
    /// the API); a player's correct password still gets no session.
    func signIn(_ request: Request, _ context: MQRequestContext) async throws -> Response {
        let form = try await ConsoleForm.read(request)
        let nonce = ConsoleCookie.read(ConsoleCookie.signInName, from: request.headers[values: .cookie]) ?? ""
        guard !nonce.isEmpty, ConsoleCookie.constantTimeEquals(form["csrf_token"] ?? "", cookie.signInToken(nonce: nonce)) else {
            return try signInForm(request, context, message: "The form expired: sign in again.", status: .forbidden)
        }
        do {
            try throttle.spend(.login, request, context)
            let signedIn = try await game.auth.login(email: form["email"], password: form["password"])
            guard signedIn.user.isStaff else {
                let session = try await game.auth.session(accessToken: signedIn.tokens.access)
                try await game.auth.signOut(session)
                return refusePlayer()
            }
            let secure = isSecure(request, context)
            return ConsolePages.redirect(
                "/admin/",
                cookies: [
                    ConsoleCookie.header(
                        ConsoleCookie.name, cookie.value(accessToken: signedIn.tokens.access, lastSeen: game.clock.now()),
                        maxAge: Int(cookie.idleTimeout.components.seconds), secure: secure),
                    ConsoleCookie.header(ConsoleCookie.signInName, "", maxAge: 0, secure: secure),
                ])
        } catch let error as MapleQuestError {
            let message: String
            switch error {
            case .invalidCredentials, .invalid: message = "Wrong email or password."
            default: message = Self.describe(error).1
            }
            let status: HTTPResponse.Status = if case .tooManyRequests = error { .tooManyRequests } else { .unauthorized }
            return try signInForm(request, context, message: message, status: status)
        }
    }
}
