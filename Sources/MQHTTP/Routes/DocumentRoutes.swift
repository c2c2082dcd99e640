import Hummingbird

extension MapleQuestAPI {
    func addDocumentRoutes(to table: RouteTable) {
        let json = APIDocument.shippedJSON
        table.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(bytes: json)))
        }
        table.get("/docs") { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8", .cacheControl: "public, max-age=300",
                    .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
                    .xContentTypeOptions: "nosniff",
                ],
                body: .init(byteBuffer: ByteBuffer(string: APIDocument.shipped.html)))
        }
    }
}
