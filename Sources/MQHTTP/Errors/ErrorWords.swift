import MQDomain

/// The words clients, the console and operator commands read for what the domain names, in the old
/// backend's phrasing where the app shows them.
public enum ErrorWords {
    /// A field's problem as the old backend worded it.
    public static func field(_ problem: FieldProblem) -> String {
        switch problem {
        case .message(let text): text
        case .unknownReference(let id): "Invalid pk \"\(id)\" - object does not exist."
        }
    }

    public static func notFound(_ subject: NotFoundSubject) -> String {
        switch subject {
        case .page: "Invalid page."
        case .user: "No user matches the given query."
        case .location: "No location matches the given query."
        case .visit: "No visit matches the given query."
        case .image: "No image matches the given query."
        case .friendRequest: "No friend request matches the given query."
        case .achievement: "No achievement matches the given query."
        case .playerByContact: "User not found with the provided email or phone number"
        }
    }
}
