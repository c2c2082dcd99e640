/// This build's version: printed by `mq-server --version`, logged at start and reported by `/health/`.
enum ServerVersion {
    static let current = "1.1.0"
}
