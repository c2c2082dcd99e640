import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Sends ended spans to the collector in batches, off the request path: every `scheduleDelay`, or sooner when
/// a full batch is waiting. On shutdown it sends what is left, then stops. A collector that is down or
/// refuses costs a warning and the batch, never a request.
public struct SpanExportService: Service {
    private let configuration: TracingConfiguration
    private let queue: SpanQueue
    private let client: HTTPClient
    private let logger: Logger

    init(configuration: TracingConfiguration, queue: SpanQueue, client: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.queue = queue
        self.client = client
        self.logger = logger
    }

    public func run() async throws {
        let delay = configuration.scheduleDelay
        let timer = Task { [queue] in
            while !Task.isCancelled {
                try? await Task.sleep(for: delay)
                queue.flushSoon()
            }
        }
        defer { timer.cancel() }
        await withGracefulShutdownHandler {
            for await _ in queue.wakes {
                await sendWaiting()
            }
        } onGracefulShutdown: { [queue] in
            queue.close()
        }
        await sendWaiting()
    }

    /// Sends every waiting span, one batch per request.
    private func sendWaiting() async {
        while true {
            let (spans, dropped) = queue.takeBatch()
            if dropped > 0 {
                logger.warning("trace spans dropped: the export queue was full", metadata: ["dropped": "\(dropped)"])
            }
            guard !spans.isEmpty else { return }
            await send(spans)
        }
    }

    private func send(_ spans: [FinishedSpan]) async {
        let export = OTLPTraceExport(serviceName: configuration.serviceName, spans: spans)
        var request = HTTPClientRequest(url: configuration.tracesEndpoint)
        request.method = .POST
        switch configuration.encoding {
        case .protobuf:
            request.headers.add(name: "Content-Type", value: "application/x-protobuf")
            request.body = .bytes(ByteBuffer(bytes: export.protobuf()))
        case .json:
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: export.json()))
        }
        for header in configuration.headers { request.headers.add(name: header.name, value: header.value) }
        do {
            let response = try await client.execute(request, timeout: TimeAmount(configuration.exportTimeout))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if !(200..<300).contains(response.status.code) {
                logger.warning("the trace collector refused spans", metadata: ["status": "\(response.status.code)", "spans": "\(spans.count)"])
            }
        } catch {
            logger.warning("trace spans could not be sent", metadata: ["error": "\(error)", "spans": "\(spans.count)"])
        }
    }
}
