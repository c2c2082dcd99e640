/// The staff console at `/admin/`: off unless `ADMIN_ENABLED=true`.
public struct ConsoleSettings: Sendable {
    /// Signs the console's session cookie and derives its CSRF tokens (the server's `SECRET_KEY`).
    public var secret: String
    /// A signed-in staff member who does nothing for this long is signed out.
    public var idleTimeout: Duration

    public init(secret: String, idleTimeout: Duration = .seconds(30 * 60)) {
        self.secret = secret
        self.idleTimeout = idleTimeout
    }
}
