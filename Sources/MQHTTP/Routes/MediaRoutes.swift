import Foundation
import Hummingbird
import MQDomain

extension MapleQuestAPI {
    func addMediaRoutes(to table: RouteTable, store: any MediaStore) {
        table.put("/uploads/**") { request, context in
            let key = context.parameters.getCatchAll().joined(separator: "/")
            let query = request.uri.queryParameters
            guard let contentType = request.headers[.contentType],
                  let expires = query["expires"], let signature = query["signature"],
                  store.isUploadAuthorized(key: key, contentType: contentType, expires: String(expires), signature: String(signature))
            else {
                throw APIError.uploadRefused("The upload URL is invalid or expired, or the Content-Type differs from the signed one")
            }
            let bytes = try await request.body.collect(upTo: store.maximumUploadBytes)
            do {
                try await store.write(key: key, bytes: Data(bytes.readableBytesView))
            } catch {
                context.logger.error("storing an upload failed", metadata: ["error": .string(String(describing: error))])
                throw APIError.uploadFailed
            }
            return Response(status: .ok)
        }
        table.get("/media/**") { _, context in
            let key = context.parameters.getCatchAll().joined(separator: "/")
            guard let bytes = try await store.read(key: key) else { throw APIError.routeNotFound }
            let fileExtension = key.split(separator: ".").last.map { $0.lowercased() } ?? ""
            let contentType = PhotoService.contentTypes[fileExtension] ?? "application/octet-stream"
            return Response(
                status: .ok,
                headers: [.contentType: contentType, .cacheControl: "public, max-age=86400"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
