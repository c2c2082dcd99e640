import FoundationEssentials
import Hummingbird
import MQDomain
import NIOCore

/// The one place where every error becomes a status code and a JSON body.
///
/// Bodies are always a JSON object with a human message under `error` or `detail`, as the contract
/// lists per route; field errors carry one key per field plus an `error` summary. Nothing internal
/// (a stack, a database message) ever reaches a client.
enum ErrorResponse {
    /// The status and body for `error`, or `nil` for an unexpected error (a bug, answered with 500).
    static func describe(_ error: any Error) -> (HTTPResponse.Status, [String: JSONOutput])? {
        switch error {
        case let error as MapleQuestError: return map(error)
        case let error as APIError: return map(error)
        case is NIOTooManyBytesError: return map(APIError.bodyTooLarge)
        case is CancellationError: return (.serviceUnavailable, ["error": "The request was abandoned"])
        case is DuplicateValue: return (.badRequest, ["error": "That value is already taken."])
        case let error as HTTPError where error.status == .notFound: return map(APIError.routeNotFound)
        case let error as any HTTPResponseError where error.status.code < 500:
            return (error.status, ["error": .string(error.status.reasonPhrase)])
        default: return nil
        }
    }

    static func map(_ error: MapleQuestError) -> (HTTPResponse.Status, [String: JSONOutput]) {
        switch error {
        case .invalid(let errors): fieldErrors(errors.messages(wording: ErrorWords.field), summary: errors.summary(wording: ErrorWords.field))
        case .rejected(let message): (.badRequest, ["error": .string(message)])
        case .invalidCredentials: (.unauthorized, ["error": "Invalid credentials"])
        case .notAuthenticated(let message): (.unauthorized, ["detail": .string(message)])
        case .tokenNotValid(let message): (.unauthorized, ["detail": .string(message), "code": "token_not_valid"])
        case .forbidden(let message): (.forbidden, ["detail": .string(message)])
        case .notFound(.playerByContact): (.notFound, ["error": .string(ErrorWords.notFound(.playerByContact))])
        case .notFound(let subject): (.notFound, ["detail": .string(ErrorWords.notFound(subject))])
        case .storageUnavailable(let message): (.serviceUnavailable, ["error": .string(message)])
        case .databaseUnavailable: (.serviceUnavailable, ["error": "Service temporarily unavailable"])
        case .tooManyRequests: (.tooManyRequests, ["error": "Too many requests; try again later", "detail": "Request was throttled."])
        case .overloaded: (.serviceUnavailable, ["error": "Service busy; try again shortly"])
        }
    }

    /// Seconds a client should wait before trying again, for errors that say so (`Retry-After`).
    static func retryAfter(_ error: any Error) -> Int? {
        switch error {
        case MapleQuestError.tooManyRequests(let seconds), MapleQuestError.overloaded(let seconds): seconds
        case MapleQuestError.databaseUnavailable: 1
        default: nil
        }
    }

    static func map(_ error: APIError) -> (HTTPResponse.Status, [String: JSONOutput]) {
        switch error {
        case .malformedJSON: (.badRequest, ["error": "Malformed JSON body", "detail": "JSON parse error"])
        case .bodyNotAnObject: (.badRequest, ["error": "The request body must be a JSON object"])
        case .bodyTooLarge: (.contentTooLarge, ["error": "Request body is too large"])
        case .fields(let body):
            fieldErrors(
                body.messages, summary: body.messages.keys.sorted().map { "\($0): \(body.messages[$0]!.joined(separator: " "))" }.joined(separator: " "))
        case .methodNotAllowed(let method, _): (.methodNotAllowed, ["detail": .string("Method \"\(method.rawValue)\" not allowed.")])
        case .invalidHost: (.badRequest, ["error": "Invalid Host header"])
        case .routeNotFound: (.notFound, ["detail": "Not found."])
        case .uploadRefused(let message): (.forbidden, ["error": .string(message)])
        case .uploadFailed: (.serviceUnavailable, ["error": "Failed to store the upload"])
        }
    }

    private static func fieldErrors(_ messages: [String: [String]], summary: String) -> (HTTPResponse.Status, [String: JSONOutput]) {
        var body: [String: JSONOutput] = messages.mapValues { .array($0.map(JSONOutput.string)) }
        body["error"] = .string(summary.isEmpty ? "Invalid input." : summary)
        return (.badRequest, body)
    }
}
