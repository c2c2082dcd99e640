import Hummingbird

/// What every request passes on its way in and out, in this order: its id and log line (``RequestLog``),
/// errors answered as JSON (``ErrorAnswers``), the host check (``HostAllowList``) and CORS
/// (``CORSPolicy``). Errors reach the log line as the JSON answer they became, and CORS marks every
/// answer to an allowed origin, errors included, as django-cors-headers did, so a browser can read why.
///
/// One middleware rather than one per concern because of what a middleware costs a connection: its async
/// frame, and its protocol witness's, are allocated from the connection task's stack allocator in slabs
/// of about 1 KiB that the task keeps for as long as the connection stays open (`docs/performance.md`).
struct FrontDoorMiddleware: RouterMiddleware {
    typealias Context = MQRequestContext

    let allowList: HostAllowList
    let cors: CORSPolicy
    let errors: ErrorAnswers

    init(allowList: HostAllowList = .anyHost, cors: CORSPolicy = .closed, errors: ErrorAnswers = ErrorAnswers()) {
        self.allowList = allowList
        self.cors = cors
        self.errors = errors
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = RequestLog.identify(request, in: &context)
        let started = ContinuousClock.now
        var response: Response
        do {
            try allowList.admit(request)
            if let preflight = cors.preflightAnswer(to: request) {
                response = preflight
            } else {
                response = try await next(request, context)
            }
        } catch {
            response = try errors.answer(error, context: context)
        }
        cors.mark(&response, answering: request)
        response.headers[.xRequestID] = requestID
        RequestLog.record(request, response, since: started, to: context.logger)
        return response
    }
}
