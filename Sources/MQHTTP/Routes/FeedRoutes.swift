import Hummingbird
import MQDomain

extension MapleQuestAPI {
    func addFeedRoutes(to table: RouteTable) {
        table.get("/api/feed") { request, _ in
            let page = try await game.feed.feed(of: try await caller(request), try pageRequest(request))
            return JSONReply.make(.ok, PageJSON(page, request: request, transform: FeedItemJSON.init))
        }
    }
}
