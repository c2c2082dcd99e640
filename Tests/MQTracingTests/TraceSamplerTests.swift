import Testing
import W3CTraceContext

@testable import MQTracing

@Suite("Samplers decide as OpenTelemetry specifies")
struct TraceSamplerTests {
    private func traceID(low: UInt64) -> TraceID {
        var bytes = [UInt8](repeating: 0xAB, count: 8)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        return TraceID(
            bytes: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    private func parent(sampled: Bool) -> SpanIdentity {
        SpanIdentity(
            traceID: .random(), spanID: .random(), parentSpanID: nil, flags: sampled ? .sampled : [], state: TraceState(), isRemote: true)
    }

    @Test func ratioComparesTheTraceIDsLowEightBytes() {
        let quarter = TraceSampler.traceIDRatio(0.25)
        #expect(quarter.samples(traceID(low: 0), parent: nil))
        #expect(quarter.samples(traceID(low: UInt64.max / 4 - 1024), parent: nil))
        #expect(!quarter.samples(traceID(low: UInt64.max / 4 + 4096), parent: nil))
        #expect(!quarter.samples(traceID(low: .max), parent: nil))
        #expect(TraceSampler.traceIDRatio(1).samples(traceID(low: .max), parent: nil))
        #expect(!TraceSampler.traceIDRatio(0).samples(traceID(low: 0), parent: nil))
    }

    @Test func ratioKeepsAboutThatShareOfRandomTraces() {
        let kept = (0..<10_000).filter { _ in TraceSampler.traceIDRatio(0.1).samples(.random(), parent: nil) }.count
        #expect((700...1300).contains(kept))
    }

    @Test func parentBasedFollowsTheCallerAndUsesItsRootForNewTraces() {
        let sampler = TraceSampler.parentBased(root: .alwaysOff)
        #expect(sampler.samples(.random(), parent: parent(sampled: true)))
        #expect(!sampler.samples(.random(), parent: parent(sampled: false)))
        #expect(!sampler.samples(.random(), parent: nil))
        #expect(TraceSampler.parentBased(root: .alwaysOn).samples(.random(), parent: nil))
        #expect(TraceSampler.alwaysOn.samples(.random(), parent: parent(sampled: false)))
        #expect(!TraceSampler.alwaysOff.samples(.random(), parent: parent(sampled: true)))
    }
}
