import FoundationEssentials
import Hummingbird
import MQDomain

/// A paged list: `{"count", "next", "previous", "results"}`, with absolute links built from the
/// address the client used (through the load balancer's forwarded headers).
struct PageJSON<Item: Encodable & Sendable>: Encodable {
    let count: Int
    let next: String?
    let previous: String?
    let results: [Item]

    init<Source>(_ page: Page<Source>, request: Request, transform: (Source) -> Item) {
        count = page.totalCount
        results = page.items.map(transform)
        let links = PageLinks(request)
        next = page.hasNext ? links.url(page: page.request.number + 1) : nil
        previous = page.hasPrevious ? links.url(page: page.request.number - 1) : nil
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(next, forKey: .next)
        try container.encode(previous, forKey: .previous)
        try container.encode(results, forKey: .results)
    }

    enum CodingKeys: String, CodingKey {
        case count, next, previous, results
    }
}

extension PageJSON: WritesOwnJSON where Item: WritesOwnJSON {
    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("count", count)
        writer.field("next", next)
        writer.field("previous", previous)
        writer.field("results", objects: results)
    }
}

/// Links to other pages of the same list, keeping the request's other query parameters.
struct PageLinks {
    let base: String
    let otherParameters: [(String, String)]

    init(_ request: Request) {
        base = RequestOrigin(request).baseURL + request.uri.path
        otherParameters = request.uri.queryParameters
            .filter { $0.key != "page" }
            .map { (String($0.key), String($0.value)) }
            .sorted { $0.0 < $1.0 }
    }

    /// The first page's link carries no `page` parameter, as the old backend's did.
    func url(page: Int) -> String {
        var parameters = otherParameters
        if page > 1 { parameters.append(("page", String(page))) }
        parameters.sort { $0.0 < $1.0 }
        guard !parameters.isEmpty else { return base }
        return base + "?" + parameters.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
    }
}
