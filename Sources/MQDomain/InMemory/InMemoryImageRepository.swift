import Synchronization

struct InMemoryImageRepository: ImageRepository {
    let store: InMemoryStore

    func add(_ image: NewImage, to visitID: VisitID, limit: Int) async throws -> Image? {
        try store.tables.withLock { tables in
            guard tables.visits[visitID] != nil else { return nil }
            guard tables.imageCount(of: visitID) < limit else { throw PhotoLimitReached(limit: limit) }
            tables.lastImageID += 1
            let stored = Image(id: tables.lastImageID, visitID: visitID, description: image.description, imageURL: image.imageURL)
            tables.images[stored.id] = stored
            return stored
        }
    }

    func images(ownedBy userID: UserID, _ page: PageRequest) async throws -> Page<Image> {
        store.tables.withLock { tables in
            tables.images.values
                .filter { tables.visits[$0.visitID]?.userID == userID }
                .sorted { $0.id > $1.id }
                .page(page)
        }
    }

    func images(at locationID: LocationID, limit: Int) async throws -> (newest: [Image], total: Int) {
        store.tables.withLock { tables in
            let all = tables.images.values.filter { tables.visits[$0.visitID]?.locationID == locationID }
            return (Array(all.sorted { $0.id > $1.id }.prefix(limit)), all.count)
        }
    }

    func find(id: ImageID, ownedBy userID: UserID) async throws -> Image? {
        store.tables.withLock { tables in
            tables.images[id].flatMap { tables.visits[$0.visitID]?.userID == userID ? $0 : nil }
        }
    }

    func updateDescription(id: ImageID, ownedBy userID: UserID, description: String) async throws -> Image? {
        store.tables.withLock { tables in
            guard var image = tables.images[id], tables.visits[image.visitID]?.userID == userID else { return nil }
            image.description = description
            tables.images[id] = image
            return image
        }
    }

    func delete(id: ImageID, ownedBy userID: UserID) async throws -> Bool {
        store.tables.withLock { tables in
            guard let image = tables.images[id], tables.visits[image.visitID]?.userID == userID else { return false }
            tables.removeImage(id)
            return true
        }
    }

    func like(id: ImageID, by userID: UserID) async throws -> LikeTally? {
        store.tables.withLock { tables in
            guard var image = tables.images[id] else { return nil }
            if tables.users[userID] != nil, tables.likes[id, default: []].insert(userID).inserted {
                image.likes = image.likes.addingAsStored(1)
                tables.images[id] = image
            }
            return LikeTally(likes: image.likes, liked: true)
        }
    }

    func unlike(id: ImageID, by userID: UserID) async throws -> LikeTally? {
        store.tables.withLock { tables in
            guard var image = tables.images[id] else { return nil }
            if tables.likes[id]?.remove(userID) != nil {
                image.likes = max(image.likes - 1, 0)
                tables.images[id] = image
            }
            return LikeTally(likes: image.likes, liked: false)
        }
    }

    func owner(of id: ImageID) async throws -> UserID? {
        store.tables.withLock { tables in tables.images[id].flatMap { tables.visits[$0.visitID]?.userID } }
    }
}
