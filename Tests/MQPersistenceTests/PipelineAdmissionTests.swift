import Synchronization
import Testing

@testable import MQPersistence

/// Room on the pipeline, without a database: who gets it, in what order, and for how long they wait.
@Suite("Pipeline admission: room taken in turn, waits bounded")
struct PipelineAdmissionTests {
    @Test func statementsWithinTheCapacityAreAdmittedWithoutWaiting() async throws {
        let admission = PipelineAdmission(capacity: 3, patience: .seconds(600))
        for _ in 0..<3 { try await admission.enter() }
        #expect(admission.waiting == 0)
        for _ in 0..<3 { admission.leave() }
        try await admission.enter()
        admission.leave()
    }

    @Test func roomFreedGoesToTheLongestWaitingStatementFirst() async throws {
        let admission = PipelineAdmission(capacity: 1, patience: .seconds(600))
        try await admission.enter()
        let order = AdmissionOrder()
        var waiters: [Task<Void, any Error>] = []
        for number in 0..<5 {
            waiters.append(
                Task {
                    try await admission.enter()
                    order.numbers.withLock { $0.append(number) }
                    admission.leave()
                })
            while admission.waiting < number + 1 { try await Task.sleep(for: .milliseconds(1)) }
        }
        admission.leave()
        for waiter in waiters { try await waiter.value }
        #expect(order.numbers.withLock { $0 } == [0, 1, 2, 3, 4])
        #expect(admission.waiting == 0)
    }

    @Test func aStatementWaitingLongerThanItsPatienceIsRefusedAndCounted() async throws {
        let admission = PipelineAdmission(capacity: 1, patience: .milliseconds(50))
        try await admission.enter()
        await #expect {
            try await admission.enter()
        } throws: { error in
            if case PostgresError.poolExhausted = error { return true }
            return false
        }
        #expect(admission.timeouts == 1)
        #expect(admission.waiting == 0)
        admission.leave()
        try await admission.enter()
        admission.leave()
    }

    /// A refused statement has left the line: the room freed after it goes to whoever asks next, not to
    /// the statement that already gave up.
    @Test func roomIsNeverHandedToARefusedStatement() async throws {
        let admission = PipelineAdmission(capacity: 1, patience: .milliseconds(50))
        try await admission.enter()
        let refused = Task { try await admission.enter() }
        await #expect(throws: PostgresError.self) { try await refused.value }
        admission.leave()
        try await admission.enter()
        admission.leave()
        try await admission.enter()
        admission.leave()
        #expect(admission.timeouts == 1)
    }
}

/// The order in which waiting statements were admitted.
private final class AdmissionOrder: Sendable {
    let numbers = Mutex<[Int]>([])
}
