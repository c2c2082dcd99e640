import Hummingbird
import MQDomain

extension MapleQuestAPI {
    func addVisitRoutes(to table: RouteTable) {
        table.get("/api/visits") { request, _ in
            let page = try await game.visits.visits(of: try await caller(request), try pageRequest(request))
            return JSONReply.make(.ok, PageJSON(page, request: request, transform: VisitJSON.init))
        }
        table.post("/api/visits") { request, _ in
            let caller = try await caller(request)
            var body = try await RequestBody.read(request)
            let location = body.string("location")
            let note = body.string("note", nullable: true)
            let position = body.position()
            try body.throwIfProblems()
            let visit = try await game.visits.recordVisit(to: location, by: caller, note: note, position: position)
            return JSONReply.make(.created, VisitJSON(visit))
        }
        table.get("/api/visits/{id}") { request, context in
            let caller = try await caller(request)
            return JSONReply.make(.ok, VisitJSON(try await game.visits.visit(try numericID(context, .visit), of: caller)))
        }
        let updateNote: RouteTable.Handler = { request, context in
            let caller = try await caller(request)
            let id = try numericID(context, .visit)
            var body = try await RequestBody.read(request)
            let note = body.string("note")
            try body.throwIfProblems()
            return JSONReply.make(.ok, VisitJSON(try await game.visits.updateNote(id, to: note, by: caller)))
        }
        table.put("/api/visits/{id}", updateNote)
        table.patch("/api/visits/{id}", updateNote)
        table.delete("/api/visits/{id}") { request, context in
            let caller = try await caller(request)
            try await game.visits.delete(try numericID(context, .visit), by: caller)
            return JSONReply.noContent()
        }
    }
}
