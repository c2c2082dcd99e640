import FoundationEssentials
import MQDomain

#if canImport(Glibc)
    import Glibc
#endif

/// The process environment, read into typed values that refuse what they cannot parse.
///
/// A variable that is unset (or set to the empty string) takes its default; one that is set but does not
/// parse stops the command at start with a ``ConfigurationError`` naming the variable and what it accepts —
/// a typo in a task definition must never fall back to a default unnoticed. Values are never echoed in
/// errors, so a misplaced secret cannot reach a log line.
struct EnvironmentVariables {
    private let values: [String: String]

    init(_ values: [String: String]) {
        self.values = values
    }

    /// The variable's text, or `nil` when it is unset or empty.
    func text(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    func text(_ name: String, default fallback: String) -> String {
        text(name) ?? fallback
    }

    /// The path of a file this process can read (not a directory), or `nil` when unset: a path that names
    /// nothing would otherwise surface only later, as every connection failing.
    func readableFile(_ name: String) throws -> String? {
        guard let path = text(name) else { return nil }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, access(path, R_OK) == 0 else {
            throw ConfigurationError.unparsable(name, expected: "the path of a file this process can read")
        }
        return path
    }

    /// `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`, any case).
    func flag(_ name: String, default fallback: Bool) throws -> Bool {
        guard let value = text(name) else { return fallback }
        switch value.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw ConfigurationError.unparsable(name, expected: "true or false")
        }
    }

    /// A whole number within `range`.
    func whole(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let value = text(name) else { return fallback }
        guard let number = Int(value.trimmingSpaces()), range.contains(number) else {
            throw ConfigurationError.unparsable(name, expected: Self.describe(range))
        }
        return number
    }

    /// A number within `range` (fractions allowed).
    func number(_ name: String, default fallback: Double, in range: ClosedRange<Double>, unit: String = "a number") throws -> Double {
        guard let value = text(name) else { return fallback }
        guard let number = Double(value.trimmingSpaces()), number.isFinite, range.contains(number) else {
            throw ConfigurationError.unparsable(name, expected: "\(unit) from \(Self.trimmed(range.lowerBound)) to \(Self.trimmed(range.upperBound))")
        }
        return number
    }

    /// A number of seconds within `range` (fractions allowed), as a duration.
    func seconds(_ name: String, default fallback: Double, in range: ClosedRange<Double>) throws -> Duration {
        let seconds = try number(name, default: fallback, in: range, unit: "a number of seconds")
        return .milliseconds(Int((seconds * 1000).rounded()))
    }

    /// One of a fixed set of words (any case).
    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, default fallback: Choice) throws -> Choice where Choice.RawValue == String {
        guard let value = text(name) else { return fallback }
        guard let choice = Choice(rawValue: value.lowercased()) else {
            throw ConfigurationError.unparsable(name, expected: "one of " + Choice.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return choice
    }

    /// An absolute `http` or `https` URL with a host.
    func webAddress(_ name: String) throws -> URL? {
        guard let value = text(name) else { return nil }
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw ConfigurationError.unparsable(name, expected: "an http(s) URL")
        }
        return url
    }

    /// The variables whose names start with `prefix`, for components that read their own (the AWS chain).
    func all(withPrefix prefix: String) -> [String: String] {
        values.filter { $0.key.hasPrefix(prefix) }
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "a whole number, \(range.lowerBound) or more" : "a whole number from \(range.lowerBound) to \(range.upperBound)"
    }

    private static func trimmed(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}

/// A setting the server cannot start with.
enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// A variable set to something it does not accept.
    case unparsable(String, expected: String)
    /// A combination of settings that cannot work.
    case invalid(String)

    /// The variable at fault, where there is one.
    var variable: String? {
        if case .unparsable(let name, _) = self { return name }
        return nil
    }

    var description: String {
        switch self {
        case .unparsable(let name, let expected): "\(name) does not parse: it must be \(expected)"
        case .invalid(let message): message
        }
    }
}
