import W3CTraceContext

/// Which new traces are recorded and exported: OpenTelemetry's standard samplers (`OTEL_TRACES_SAMPLER`).
public indirect enum TraceSampler: Sendable, Equatable {
    case alwaysOn
    case alwaysOff
    /// Keeps this fraction (0…1) of traces, decided from the trace id alone, so every service that
    /// uses the same ratio keeps the same traces.
    case traceIDRatio(Double)
    /// Follows the caller's decision when there is a parent span, and `root` for new traces.
    case parentBased(root: TraceSampler)

    /// Whether a span of `traceID` under `parent` is recorded.
    func samples(_ traceID: TraceID, parent: SpanIdentity?) -> Bool {
        switch self {
        case .alwaysOn: return true
        case .alwaysOff: return false
        case .traceIDRatio(let ratio):
            if ratio >= 1 { return true }
            if ratio <= 0 { return false }
            // The specification's rule: the trace id's last eight bytes, read as a number, below ratio × 2⁶⁴.
            let lowBytes = traceID.withSpan { bytes in
                var value: UInt64 = 0
                for index in 8..<16 { value = value << 8 | UInt64(bytes[index]) }
                return value
            }
            return Double(lowBytes) < ratio * 18_446_744_073_709_551_616.0
        case .parentBased(let root):
            guard let parent else { return root.samples(traceID, parent: nil) }
            return parent.flags.contains(.sampled)
        }
    }
}
