import FoundationEssentials
import Hummingbird

/// Builds JSON responses.
enum JSONReply {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func make(_ status: HTTPResponse.Status = .ok, _ value: some Encodable, headers: HTTPFields = [:]) throws -> Response {
        let data = try encoder.encode(value)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The same, for a body that writes its own JSON: no `JSONEncoder` on the way.
    static func make(_ status: HTTPResponse.Status = .ok, _ value: some WritesOwnJSON, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: value.jsonBuffer()))
    }

    /// 200 with an `ETag`, or 304 with no body when the request's `If-None-Match` already names this body.
    ///
    /// `Cache-Control: no-cache` lets clients and caches keep the body but ask again each time, so a
    /// change made by staff is seen on the next read, and an unchanged one costs a 304.
    static func revalidatable(_ value: some Encodable, for request: Request) throws -> Response {
        revalidatable(try encodedAnswer(value), for: request)
    }

    /// The same, for a body that writes its own JSON.
    static func revalidatable(_ value: some WritesOwnJSON, for request: Request) -> Response {
        revalidatable(encodedAnswer(value), for: request)
    }

    /// A body encoded once with its tag, to be sent (or kept and sent again) with ``revalidatable(_:for:)-(EncodedAnswerCache.Answer,_)``.
    static func encodedAnswer(_ value: some Encodable) throws -> EncodedAnswerCache.Answer {
        EncodedAnswerCache.Answer(body: try encoder.encode(value))
    }

    /// The same, for a body that writes its own JSON.
    static func encodedAnswer(_ value: some WritesOwnJSON) -> EncodedAnswerCache.Answer {
        EncodedAnswerCache.Answer(body: Data(value.json()))
    }

    static func revalidatable(_ answer: EncodedAnswerCache.Answer, for request: Request) -> Response {
        var fields: HTTPFields = [.eTag: answer.tag.quoted, .cacheControl: "no-cache"]
        if answer.tag.isMatched(by: request.headers[values: .ifNoneMatch]) {
            return Response(status: .notModified, headers: fields)
        }
        fields[.contentType] = "application/json"
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// 204 with no body.
    static func noContent() -> Response {
        Response(status: .noContent)
    }
}
