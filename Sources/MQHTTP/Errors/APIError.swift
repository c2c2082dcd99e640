import Hummingbird

/// A problem found while reading a request, before any game rule ran.
public enum APIError: Error, Equatable {
    case malformedJSON
    case bodyNotAnObject
    case bodyTooLarge
    case fields(FieldErrorsBody)
    case methodNotAllowed(HTTPRequest.Method, allowed: [HTTPRequest.Method])
    case invalidHost
    case routeNotFound
    case uploadRefused(String)
    case uploadFailed
}

/// Field-level type errors, e.g. a number where text was expected.
public struct FieldErrorsBody: Equatable, Sendable {
    public var messages: [String: [String]]
}
