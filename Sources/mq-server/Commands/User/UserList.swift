import ArgumentParser
import MQDomain

struct UserList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List players, newest sign-ups first, optionally only those matching a search.")

    @Option(name: .shortAndLong, help: "Only players whose email, phone number or name contains this (any case).")
    var search: String?

    @Option(help: "Which page of results.")
    var page = 1

    @Option(help: "Players per page (1 to \(PageRequest.maximumSize)).")
    var pageSize = 50

    func validate() throws {
        guard page >= 1 else { throw ValidationError("--page starts at 1") }
        guard (1...PageRequest.maximumSize).contains(pageSize) else { throw ValidationError("--page-size must be from 1 to \(PageRequest.maximumSize)") }
    }

    func run() async throws {
        let session = try OperatorSession.open("user list")
        let found = try await session.run { try await session.moderation.players(matching: search, PageRequest(number: page, size: pageSize)) }
        for user in found.items { print(describe(user)) }
        let first = (page - 1) * pageSize
        print(
            found.items.isEmpty
                ? "no players\(search.map { " match \"\($0)\"" } ?? "")"
                : "players \(first + 1)–\(first + found.items.count) of \(found.totalCount)")
    }
}
