/// The console's templates by name, parsed once when the server starts.
struct ConsoleTemplates: Sendable {
    private let templates: [String: ConsoleTemplate]

    /// Parses every `(name, source)` pair; a malformed template stops the server at start.
    init(_ sources: [(name: String, source: String)]) throws {
        var templates: [String: ConsoleTemplate] = [:]
        for (name, source) in sources {
            do {
                templates[name] = try ConsoleTemplate(source)
            } catch {
                throw TemplateError("\(name).mustache: \(error)")
            }
        }
        self.templates = templates
    }

    /// `name` rendered with `context`; an unknown name renders as nothing.
    func render(_ context: [String: Any], withTemplate name: String) -> String {
        templates[name]?.render(context) { templates[$0] } ?? ""
    }
}
