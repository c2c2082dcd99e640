import HTTPTypes
import Hummingbird

/// Registers routes on a Hummingbird router and remembers which methods each path serves, so that
/// ``finish()`` can answer the other methods with 405 and an `Allow` header instead of a 404.
///
/// Paths match with and without a trailing slash: the router ignores empty path components.
final class RouteTable {
    typealias Handler = @Sendable (Request, MQRequestContext) async throws -> Response

    static let answerableMethods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]

    let router: Router<MQRequestContext>
    private var methodsByPath: [(path: String, methods: [HTTPRequest.Method])] = []

    init(router: Router<MQRequestContext>) {
        self.router = router
    }

    func on(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        router.on(RouterPath(path), method: method, use: handler)
        if let index = methodsByPath.firstIndex(where: { $0.path == path }) {
            methodsByPath[index].methods.append(method)
        } else {
            methodsByPath.append((path, [method]))
        }
    }

    func get(_ path: String, _ handler: @escaping Handler) { on(.get, path, handler) }
    func post(_ path: String, _ handler: @escaping Handler) { on(.post, path, handler) }
    func put(_ path: String, _ handler: @escaping Handler) { on(.put, path, handler) }
    func patch(_ path: String, _ handler: @escaping Handler) { on(.patch, path, handler) }
    func delete(_ path: String, _ handler: @escaping Handler) { on(.delete, path, handler) }

    /// Every path registered so far, with its methods in lowercase (`get`, `post`, …).
    var served: [String: [String]] {
        Dictionary(methodsByPath.map { ($0.path, $0.methods.map { $0.rawValue.lowercased() }) }) { $0 + $1 }
    }

    /// Registers the 405 answers. Call once, after every route.
    func finish() {
        for (path, methods) in methodsByPath {
            let allowed = methods + (methods.contains(.get) ? [.head] : []) + [.options]
            for method in Self.answerableMethods + [.options] where !methods.contains(method) {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    if request.method == .options {
                        return Response(status: .ok, headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
                    }
                    throw APIError.methodNotAllowed(request.method, allowed: allowed)
                }
            }
        }
    }
}
