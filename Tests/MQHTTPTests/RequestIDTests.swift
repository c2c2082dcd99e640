import Testing

@testable import MQHTTP

@Suite("Request ids the server gives")
struct RequestIDTests {
    @Test func idsDrawnAtOnceFromManyTasksAreAllDistinctAndShareTheProcessHalf() async {
        let ids = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { (0..<5_000).map { _ in RequestIDs.next() } } }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.utf8.count == 32 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } })
        #expect(Set(ids.map { $0.prefix(16) }).count == 1, "one process's ids share their first half")
    }

    @Test func consecutiveCountsDoNotShowInTheIDs() {
        let scrambled = (0..<1_000).map { RequestIDs.scrambled(UInt64($0)) }
        #expect(Set(scrambled).count == 1_000)
        let ascending = zip(scrambled, scrambled.dropFirst()).filter { $0 < $1 }.count
        #expect((300...700).contains(ascending), "about as many rises as falls, not a sequence: \(ascending)")
        let differences = Set(zip(scrambled, scrambled.dropFirst()).map { $1 &- $0 })
        #expect(differences.count > 990, "no common step between neighbours")
    }
}
