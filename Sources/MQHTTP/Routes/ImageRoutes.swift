import Hummingbird
import MQDomain

extension MapleQuestAPI {
    func addImageRoutes(to table: RouteTable) {
        table.get("/api/images") { request, _ in
            let page = try await game.photos.images(of: try await caller(request), try pageRequest(request))
            return JSONReply.make(.ok, PageJSON(page, request: request, transform: ImageJSON.init))
        }
        table.post("/api/images") { request, _ in
            let caller = try await caller(request)
            var body = try await RequestBody.read(request)
            let visitID = body.integer("visit")
            let attachment = PhotoAttachment(imageURL: body.string("image_url"), description: body.string("description", nullable: true))
            try body.throwIfProblems()
            return JSONReply.make(.created, ImageJSON(try await game.photos.attach(attachment, toVisit: visitID, by: caller)))
        }
        table.get("/api/images/{id}") { request, context in
            let caller = try await caller(request)
            return JSONReply.make(.ok, ImageJSON(try await game.photos.image(try numericID(context, .image), of: caller)))
        }
        let describe: RouteTable.Handler = { request, context in
            let caller = try await caller(request)
            let id = try numericID(context, .image)
            var body = try await RequestBody.read(request)
            let description = body.string("description", nullable: true)
            try body.throwIfProblems()
            return JSONReply.make(.ok, ImageJSON(try await game.photos.describe(id, as: description, by: caller)))
        }
        table.put("/api/images/{id}", describe)
        table.patch("/api/images/{id}", describe)
        table.delete("/api/images/{id}") { request, context in
            let caller = try await caller(request)
            try await game.photos.delete(try numericID(context, .image), by: caller)
            return JSONReply.noContent()
        }
        table.post("/api/images/{id}/like") { request, context in
            let caller = try await caller(request)
            return try JSONReply.make(.ok, LikeJSON(try await game.photos.like(try numericID(context, .image), by: caller)))
        }
        table.delete("/api/images/{id}/like") { request, context in
            let caller = try await caller(request)
            return try JSONReply.make(.ok, LikeJSON(try await game.photos.unlike(try numericID(context, .image), by: caller)))
        }
    }
}
