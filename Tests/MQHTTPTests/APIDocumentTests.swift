import Foundation
import HTTPTypes
import HummingbirdTesting
import MQHTTP
import Testing

@Suite("The published OpenAPI document")
struct APIDocumentTests {
    /// `/api/locations/{location_id}/` and `/api/locations/{id}` both become `/api/locations/{}`.
    static func normalised(_ path: String) -> String {
        let segments = path.split(separator: "/").map { segment in
            segment == "**" || (segment.hasPrefix("{") && segment.hasSuffix("}")) ? "{}" : String(segment)
        }
        return "/" + segments.joined(separator: "/")
    }

    @Test func everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
        let server = TestServer(settings: HTTPSettings(metrics: { [] }))
        let served = Dictionary(server.api.servedRoutes.map { (Self.normalised($0.key), Set($0.value)) }) { $0.union($1) }
        let documented = Dictionary(APIDocument.shipped.operations.map { (Self.normalised($0.key), Set($0.value)) }) { $0.union($1) }
        #expect(Set(served.keys).subtracting(documented.keys).sorted() == [], "served but not documented")
        #expect(Set(documented.keys).subtracting(served.keys).sorted() == [], "documented but not served")
        for (path, methods) in served where documented[path] != nil {
            #expect(methods == documented[path], "\(path): served \(methods.sorted()), documented \(documented[path]!.sorted())")
        }
    }

    @Test func theDocumentIsServedAsJSONAndAsAPageForPeople() async throws {
        try await TestServer().test { client in
            let json = try await client.send(.get, "/openapi.json")
            #expect(json.status == .ok)
            #expect(json.headers[.contentType] == "application/json")
            let document = try json.object()
            #expect(document["openapi"] as? String == "3.1.0")
            #expect((document["paths"] as? [String: Any])?["/api/locations/{location_id}/visit/"] != nil)

            let page = try await client.send(.get, "/docs/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let html = page.text
            #expect(!html.contains("<script"), "readable without JavaScript")
            #expect(!html.contains("src=\"http"), "nothing fetched from elsewhere")
            for path in APIDocument.shipped.operations.keys {
                #expect(html.contains(path.replacingOccurrences(of: "&", with: "&amp;")), "\(path) is on the page")
            }
        }
    }
}
