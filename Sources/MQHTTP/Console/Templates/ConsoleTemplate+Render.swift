extension ConsoleTemplate {
    /// Renders the template with `context` on the stack; `partials` resolves `{{> name}}`.
    func render(_ context: Any, partials: (String) -> ConsoleTemplate?) -> String {
        var output = ""
        Self.render(nodes, stack: [context], partials: partials, depth: 0, into: &output)
        return output
    }

    /// How deeply partials may include partials: a template that includes itself stops here instead of
    /// exhausting the stack.
    static let maximumPartialDepth = 16

    private static func render(
        _ nodes: [Node], stack: [Any], partials: (String) -> ConsoleTemplate?, depth: Int, into output: inout String
    ) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .value(let name, let escaped):
                guard let value = lookUp(name, in: stack) else { continue }
                let text = "\(value)"
                output += escaped ? HTMLText.escaped(text) : text
            case .section(let name, let inverted, let body):
                let value = lookUp(name, in: stack)
                let items = sectionItems(value)
                if inverted {
                    if items.isEmpty { render(body, stack: stack, partials: partials, depth: depth, into: &output) }
                } else {
                    for item in items { render(body, stack: item.map { stack + [$0] } ?? stack, partials: partials, depth: depth, into: &output) }
                }
            case .partial(let name):
                guard depth < maximumPartialDepth, let partial = partials(name) else { continue }
                render(partial.nodes, stack: stack, partials: partials, depth: depth + 1, into: &output)
            }
        }
    }

    /// What a section renders once per: nothing for a missing value, `false` or an empty list; each element
    /// of a list; the value itself otherwise (`nil` for `true`, which pushes nothing).
    private static func sectionItems(_ value: Any?) -> [Any?] {
        switch value {
        case nil: return []
        case let flag as Bool: return flag ? [nil] : []
        case let list as [Any]: return list.map { $0 }
        case let value?: return [value]
        }
    }

    /// Mustache's name resolution: the first part from the innermost context that has it, the rest inside it.
    private static func lookUp(_ name: String, in stack: [Any]) -> Any? {
        if name == "." { return stack.last.flatMap(unwrapped) }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        guard var value = stack.reversed().lazy.compactMap({ child(first, of: $0) }).first else { return nil }
        for part in parts.dropFirst() {
            guard let next = child(part, of: value) else { return nil }
            value = next
        }
        return value
    }

    private static func child(_ name: String, of value: Any) -> Any? {
        if let dictionary = value as? [String: Any] { return dictionary[name].flatMap(unwrapped) }
        return Mirror(reflecting: value).children.first { $0.label == name }.flatMap { unwrapped($0.value) }
    }

    /// `value` without any `Optional` wrapping; `nil` when it wraps nothing.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.flatMap { unwrapped($0.value) }
    }
}
