import ArgumentParser
import MQDomain

/// `mq-server user …`: what Django admin's user pages did, through the game's rules.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "List, inspect, delete and manage players' accounts.",
        discussion: "Each subcommand takes a player's id or email address and works on the configured database.",
        subcommands: [UserList.self, UserShow.self, UserDelete.self, UserSetPassword.self, UserGrantStaff.self, UserRevokeStaff.self])
}

/// One line per player, for lists.
func describe(_ user: User) -> String {
    let name = [user.firstName, user.lastName].filter { !$0.isEmpty }.joined(separator: " ")
    return [user.id, user.email, name.isEmpty ? "-" : name, user.phoneNumber ?? "-", "\(user.points) points", user.isStaff ? "staff" : ""]
        .filter { !$0.isEmpty }.joined(separator: "\t")
}
