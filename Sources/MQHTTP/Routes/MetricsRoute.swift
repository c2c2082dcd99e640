import Hummingbird

extension MapleQuestAPI {
    /// `GET /metrics` in Prometheus's text format, for a scraper beside the task. Requests that came
    /// through the load balancer (which adds `X-Forwarded-For`) are answered 404, so the internet never
    /// sees it.
    func addMetricsRoute(to table: RouteTable, render: @escaping @Sendable () -> [UInt8]) {
        table.get("/metrics") { request, _ in
            guard request.headers[.xForwardedFor] == nil else { throw APIError.routeNotFound }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: render())))
        }
    }
}
