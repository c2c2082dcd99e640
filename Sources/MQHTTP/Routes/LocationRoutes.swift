import Hummingbird
import MQDomain

extension MapleQuestAPI {
    func addLocationRoutes(to table: RouteTable) {
        table.get("/api/locations") { request, _ in
            try await mapRead(request) {
                if let near = request.uri.queryParameters["near"] {
                    let page = try await game.locations.nearby(try pageRequest(request), near: String(near))
                    return try JSONReply.encodedAnswer(PageJSON(page, request: request, transform: NearbyLocationJSON.init))
                }
                let page = try await game.locations.list(try pageRequest(request))
                return JSONReply.encodedAnswer(PageJSON(page, request: request) { LocationJSON(location: $0) })
            }
        }
        table.post("/api/locations") { request, _ in
            let caller = try await caller(request)
            try game.locations.authorizeChanges(by: caller)
            let draft = try await locationDraft(request)
            return JSONReply.make(.created, LocationJSON(location: try await game.locations.create(draft, by: caller)))
        }
        table.get("/api/locations/{id}") { request, context in
            try await mapRead(request) {
                JSONReply.encodedAnswer(LocationJSON(location: try await game.locations.location(try textID(context, .location))))
            }
        }
        for (method, partial) in [(HTTPRequest.Method.put, false), (.patch, true)] {
            table.on(method, "/api/locations/{id}") { request, context in
                let caller = try await caller(request)
                try game.locations.authorizeChanges(by: caller)
                let id = try textID(context, .location)
                let draft = try await locationDraft(request)
                let location = try await game.locations.update(id, with: draft, partial: partial, by: caller)
                return JSONReply.make(.ok, LocationJSON(location: location))
            }
        }
        table.delete("/api/locations/{id}") { request, context in
            let caller = try await caller(request)
            try game.locations.authorizeChanges(by: caller)
            try await game.locations.delete(try textID(context, .location), by: caller)
            return JSONReply.noContent()
        }
        table.get("/api/locations/{id}/images") { request, context in
            let (location, images, total) = try await game.locations.photos(at: try textID(context, .location))
            return JSONReply.revalidatable(
                LocationPhotosJSON(
                    locationID: location.id, locationName: location.name, totalImages: total,
                    images: images.map(ImageJSON.init)),
                for: request)
        }
        table.post("/api/locations/{id}/visit") { request, context in
            let caller = try await caller(request)
            let id = try textID(context, .location)
            var body = try await RequestBody.read(request)
            let note = body.string("note", nullable: true)
            let photos =
                body.objects("images") { item in
                    PhotoAttachment(imageURL: item.string("image_url"), description: item.string("description", nullable: true))
                } ?? []
            let position = body.position()
            try body.throwIfProblems()
            let outcome = try await game.visits.checkIn(at: id, by: caller, note: note, photos: photos, position: position)
            let earned = outcome.achievementsEarned.map(AchievementJSON.init)
            if outcome.isFirstVisit {
                return JSONReply.make(
                    .created,
                    FirstVisitJSON(
                        message: "Location visited successfully", visit: VisitJSON(outcome.visit),
                        images: outcome.addedImages.map(ImageJSON.init), pointsEarned: outcome.pointsEarned,
                        totalPoints: outcome.totalPoints, achievementsEarned: earned))
            }
            return JSONReply.make(
                .ok,
                RepeatVisitJSON(
                    message: outcome.addedImages.isEmpty ? "Location already visited" : "Location already visited, images added",
                    visit: VisitJSON(outcome.visit), imagesAdded: outcome.addedImages.map(ImageJSON.init), achievementsEarned: earned))
        }
    }

    /// A read answered from the landmark catalog alone: its encoded answer is kept, by address (with the
    /// origin the page links are built from), for as long as the catalog's snapshot stays the same.
    private func mapRead(_ request: Request, _ answer: () async throws -> EncodedAnswerCache.Answer) async throws -> Response {
        guard let version = try await game.locations.catalogVersion() else { return JSONReply.revalidatable(try await answer(), for: request) }
        let key = RequestOrigin(request).baseURL + " " + request.uri.description
        if let kept = mapAnswers.answer(for: key, version: version) { return JSONReply.revalidatable(kept, for: request) }
        let fresh = try await answer()
        mapAnswers.keep(fresh, for: key, version: version)
        return JSONReply.revalidatable(fresh, for: request)
    }

    private func locationDraft(_ request: Request) async throws -> LocationDraft {
        var body = try await RequestBody.read(request)
        let draft = LocationDraft(
            name: body.string("name"), province: body.string("province"),
            latitude: body.string("latitude"), longitude: body.string("longitude"),
            description: body.string("description"), points: body.integer("points"),
            defaultImageURL: body.clearableString("default_image_url"))
        try body.throwIfProblems()
        return draft
    }
}
