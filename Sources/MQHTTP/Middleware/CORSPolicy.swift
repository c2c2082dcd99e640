import MQDomain

/// Which browser origins may call the API: `CORS_ALLOWED_ORIGINS` or `CORS_ALLOW_ALL_ORIGINS`.
public struct CORSPolicy: Sendable, Equatable {
    public var allowsAllOrigins: Bool
    public var allowedOrigins: Set<String>

    public init(allowsAllOrigins: Bool = false, allowedOrigins: [String] = []) {
        self.allowsAllOrigins = allowsAllOrigins
        self.allowedOrigins = Set(allowedOrigins.map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty })
    }

    public static let closed = CORSPolicy()

    public var isEnabled: Bool { allowsAllOrigins || !allowedOrigins.isEmpty }

    public func allows(_ origin: String) -> Bool {
        allowsAllOrigins || allowedOrigins.contains(origin.lowercased())
    }
}
