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
        let words = Self.spaceSeparatedWords(header)
        guard let scheme = words.first, scheme.lowercased() == "bearer" else {
            return try await game.auth.session(accessToken: nil)
        }
        guard words.count == 2 else {
            throw MapleQuestError.tokenNotValid("Authorization header must contain two space-delimited values")
        }
        return try await game.auth.session(accessToken: String(words[1]))
    }

    /// The header's words between runs of spaces, found by scanning bytes: splitting a 300-byte token by
    /// `Character` (grapheme breaking) cost more than verifying its signature.
    static func spaceSeparatedWords(_ header: String) -> [Substring] {
        var text = header
        let ranges = text.withUTF8 { bytes -> [Range<Int>] in
            var ranges: [Range<Int>] = []
            var index = 0
            while index < bytes.count {
                guard bytes[index] != UInt8(ascii: " ") else {
                    index += 1
                    continue
                }
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: " ") { index += 1 }
                ranges.append(start..<index)
            }
            return ranges
        }
        let utf8 = text.utf8
        return ranges.map { range in
            text[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
        }
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
