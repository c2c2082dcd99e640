import HTTPTypes
import Hummingbird

/// The console's templates (`Resources/console/*.mustache`), rendered into complete HTML responses.
/// Every `{{value}}` is HTML-escaped, so players' captions and names cannot inject markup.
struct ConsolePages: Sendable {
    let library: ConsoleTemplates
    let stylesheet: String

    init() throws {
        let folder = "console/"
        let templates = EmbeddedResources.files.compactMap { path, source -> (name: String, source: String)? in
            guard path.hasPrefix(folder), path.hasSuffix(".mustache") else { return nil }
            return (String(path.dropFirst(folder.count).dropLast(".mustache".count)), source)
        }
        guard !templates.isEmpty, let stylesheet = EmbeddedResources.files[folder + "console.css"] else {
            throw ConsoleSetupError("the console's templates are missing from the server's resources")
        }
        library = try ConsoleTemplates(templates)
        self.stylesheet = stylesheet
    }

    /// Every console response's headers: no caching, no framing, no scripts, nothing loaded from elsewhere
    /// but photos.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src * data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        .xFrameOptions: "DENY",
        .cacheControl: "no-store",
        .xContentTypeOptions: "nosniff",
        .referrerPolicy: "same-origin",
    ]

    /// `template` rendered inside the layout, with `context` (and the signed-in staff member, if any).
    func render(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        var context = context
        context["content"] = library.render(context, withTemplate: template)
        let html = library.render(context, withTemplate: "layout")
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A `303 See Other` to `location`, the answer to every successful form.
    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }
}

struct ConsoleSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
