import Hummingbird
import MQDomain

extension MapleQuestAPI {
    /// The player behind the request's `Authorization: Bearer <access token>`.
    func caller(_ request: Request) async throws -> User {
        try await callerSession(request).user
    }

    /// The player and the sign-in their access token belongs to.
    func callerSession(_ request: Request) async throws -> PlayerSession {
        guard let header = request.headers[.authorization] else {
            return try await game.auth.session(accessToken: nil)
        }
        // Split on the byte, not on Characters: grapheme breaking a 300-byte token cost more than verifying it.
        let parts = header.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard let scheme = parts.first, Substring(scheme).lowercased() == "bearer" else {
            return try await game.auth.session(accessToken: nil)
        }
        guard parts.count == 2 else {
            throw MapleQuestError.tokenNotValid("Authorization header must contain two space-delimited values")
        }
        return try await game.auth.session(accessToken: String(Substring(parts[1])))
    }

    /// `?page=N&page_size=M`: a page that is not a positive number is "Invalid page."; a bad size falls
    /// back to the default and a large one is capped, as the old backend did.
    func pageRequest(_ request: Request) throws -> PageRequest {
        let query = request.uri.queryParameters
        var number = 1
        if let raw = query["page"] {
            guard let parsed = Int(raw), PageRequest(number: parsed).isWithinRange else { throw MapleQuestError.notFound(.page) }
            number = parsed
        }
        let size = query["page_size"].flatMap { Int($0) }.flatMap { $0 >= 1 ? $0 : nil } ?? PageRequest.defaultSize
        return PageRequest(number: number, size: size)
    }

    /// A path parameter that must be a sequence id; anything else names nothing, so it is 404.
    func numericID(_ context: MQRequestContext, _ subject: NotFoundSubject) throws -> Int {
        guard let text = context.parameters.get("id"), let id = Int(text), id > 0 else {
            throw MapleQuestError.notFound(subject)
        }
        return id
    }

    func textID(_ context: MQRequestContext, _ subject: NotFoundSubject) throws -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty, !id.unicodeScalars.contains("\u{0}") else {
            throw MapleQuestError.notFound(subject)
        }
        return id
    }
}
