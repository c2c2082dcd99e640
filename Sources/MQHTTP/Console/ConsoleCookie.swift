import Crypto
import FoundationEssentials
import MQDomain

/// The console's session cookie and CSRF tokens.
///
/// The session itself is server-side: a sign-in family in the game's session store (shared by every
/// task, revoked on sign-out, on a password change or when the account is deleted). The cookie carries
/// that sign-in's access token and when it was last used, signed with the server's secret, so an idle
/// session expires after ``ConsoleSettings/idleTimeout`` and the access token's own expiry (an hour)
/// bounds it absolutely. The cookie is `HttpOnly`, `SameSite=Strict`, and `Secure` over HTTPS.
struct ConsoleCookie {
    static let name = "mq_console"
    /// Before sign-in: the random half of the sign-in form's double-submitted CSRF token.
    static let signInName = "mq_console_signin"

    let key: SymmetricKey
    let idleTimeout: Duration

    init(_ settings: ConsoleSettings) {
        key = SymmetricKey(data: Data(("mq-console:" + settings.secret).utf8))
        idleTimeout = settings.idleTimeout
    }

    /// `access~lastSeen~signature`.
    func value(accessToken: String, lastSeen: Date) -> String {
        let payload = "\(accessToken)~\(Int(lastSeen.timeIntervalSince1970))"
        return payload + "~" + sign(payload)
    }

    /// The access token of a well-signed cookie that has not idled out.
    func accessToken(from value: String, now: Date) -> String? {
        let parts = value.split(separator: "~", omittingEmptySubsequences: false)
        guard parts.count == 3, let lastSeen = Int(parts[1]) else { return nil }
        let payload = "\(parts[0])~\(parts[1])"
        guard Self.constantTimeEquals(sign(payload), String(parts[2])) else { return nil }
        let idle = now.timeIntervalSince1970 - Double(lastSeen)
        guard idle >= -60, idle <= Double(idleTimeout.components.seconds) else { return nil }
        return String(parts[0])
    }

    /// The CSRF token every form of one sign-in carries.
    func csrfToken(family: String) -> String {
        sign("csrf:" + family)
    }

    /// The CSRF token of the sign-in form, bound to the random value in its cookie.
    func signInToken(nonce: String) -> String {
        sign("signin:" + nonce)
    }

    func sign(_ text: String) -> String {
        Hexadecimal.string(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }

    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A `Set-Cookie` value: path `/admin/`, `HttpOnly`, `SameSite=Strict`, `Secure` when served over HTTPS.
    static func header(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/admin/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The named cookie from a request's `Cookie` headers.
    static func read(_ name: String, from cookieHeaders: [String]) -> String? {
        for header in cookieHeaders {
            for pair in header.split(separator: ";") {
                let trimmed = pair.trimmingSpaces()
                if trimmed.hasPrefix(name + "=") { return String(trimmed.dropFirst(name.count + 1)) }
            }
        }
        return nil
    }
}
