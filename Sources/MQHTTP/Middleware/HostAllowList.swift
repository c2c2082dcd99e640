import MQDomain

/// Django's `ALLOWED_HOSTS`: which `Host` names this server answers for.
///
/// An entry is an exact name, `.example.com` for the domain and all its subdomains, or `*` for any.
/// Names compare case-insensitively and without the port.
public struct HostAllowList: Sendable, Equatable {
    public let entries: [String]

    public init(_ entries: [String]) {
        self.entries = entries.map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
    }

    public static let anyHost = HostAllowList(["*"])

    public var allowsAny: Bool { entries.contains("*") }

    public func allows(_ hostHeader: String) -> Bool {
        if allowsAny { return true }
        guard let host = Self.name(of: hostHeader) else { return false }
        return entries.contains { entry in
            if entry.hasPrefix(".") { return host == entry.dropFirst() || host.hasSuffix(entry) }
            return host == entry
        }
    }

    /// The host name without port, lower-cased; `nil` when malformed.
    static func name(of hostHeader: String) -> String? {
        var host = hostHeader.lowercased()
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: end)...]
            guard rest.isEmpty || (rest.first == ":" && rest.dropFirst().allSatisfy(\.isNumber)) else { return nil }
            return String(host[...end])
        }
        if let colon = host.lastIndex(of: ":") {
            guard host[host.index(after: colon)...].allSatisfy(\.isNumber) else { return nil }
            host = String(host[..<colon])
        }
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else { return nil }
        return host
    }
}
