import FoundationEssentials
import Hummingbird
import Logging
import MQDomain

extension MapleQuestAPI {
    func addMediaRoutes(to table: RouteTable, store: some MediaStore) {
        table.put("/uploads/**") { request, context in
            let key = context.parameters.getCatchAll().joined(separator: "/")
            let query = request.uri.queryParameters
            guard let contentType = request.headers[.contentType],
                let expires = query["expires"], let signature = query["signature"],
                store.isUploadAuthorized(key: key, contentType: contentType, expires: String(expires), signature: String(signature))
            else {
                throw APIError.uploadRefused("The upload URL is invalid or expired, or the Content-Type differs from the signed one")
            }
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > store.maximumUploadBytes {
                throw APIError.bodyTooLarge
            }
            do {
                try await store.write(key: key, chunks: request.body.map { Data($0.readableBytesView) })
            } catch let refusal as MediaRefusal {
                switch refusal {
                case .tooLarge: throw APIError.bodyTooLarge
                case .quotaExceeded: throw APIError.uploadRefused("Photo storage quota reached: delete some photos first")
                case .unsafeKey: throw APIError.uploadRefused("The upload URL is invalid")
                }
            } catch {
                context.logger.error("storing an upload failed", metadata: ["error": .string(String(describing: error))])
                throw APIError.uploadFailed
            }
            return Response(status: .ok)
        }
        table.get("/media/**") { _, context in
            let key = context.parameters.getCatchAll().joined(separator: "/")
            guard let object = try await store.open(key: key) else { throw APIError.routeNotFound }
            let fileExtension = key.split(separator: ".").last.map { $0.lowercased() } ?? ""
            let contentType = PhotoService.contentTypes[fileExtension] ?? "application/octet-stream"
            return Response(
                status: .ok,
                headers: [
                    .contentType: contentType, .contentLength: String(object.size),
                    .cacheControl: "public, max-age=86400", .xContentTypeOptions: "nosniff",
                    .contentSecurityPolicy: "default-src 'none'; sandbox",
                ],
                body: ResponseBody(contentLength: object.size) { writer in
                    try await object.read { try await writer.write(ByteBuffer(bytes: $0)) }
                    try await writer.finish(nil)
                })
        }
    }
}
