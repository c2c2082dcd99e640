import Synchronization

struct InMemoryAuditLog: AuditLog {
    let store: InMemoryStore

    func record(_ entry: AuditEntry) async throws {
        store.tables.withLock { $0.auditEntries.append(entry) }
    }

    func entries(_ page: PageRequest) async throws -> Page<AuditEntry> {
        store.tables.withLock { Array($0.auditEntries.reversed()).page(page) }
    }
}
