import MQDomain

/// A console page template in the Mustache subset the console uses: `{{name}}` (HTML-escaped),
/// `{{{name}}}` and `{{&name}}` (as is), dotted names and `{{.}}`, `{{#section}}…{{/section}}`,
/// `{{^inverted}}…{{/inverted}}`, `{{> partial}}` and `{{! comments }}`. A tag alone on its line takes
/// the line with it, as the Mustache specification says.
struct ConsoleTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case value(name: String, escaped: Bool)
        case section(name: String, inverted: Bool, body: [Node])
        case partial(String)
    }

    let nodes: [Node]

    /// Parses `source`; a malformed template is refused at start rather than rendered wrongly.
    init(_ source: String) throws(TemplateError) {
        var tokens = try Self.tokens(of: source)
        Self.removeStandaloneLines(&tokens)
        var position = 0
        nodes = try Self.nodes(tokens, from: &position, closing: nil)
    }

    enum Token {
        case text(String)
        case tag(kind: Character?, name: String, raw: Bool)

        /// Section, closing, partial and comment tags vanish with their line when alone on it.
        var canStandAlone: Bool {
            if case .tag(let kind?, _, _) = self { return "#^/>!".contains(kind) }
            return false
        }
    }

    private static func tokens(of source: String) throws(TemplateError) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(source)
        while let open = rest.firstRange(of: "{{") {
            if open.lowerBound > rest.startIndex { tokens.append(.text(String(rest[..<open.lowerBound]))) }
            let triple = rest[open.upperBound...].hasPrefix("{")
            let bodyStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            let closing = triple ? "}}}" : "}}"
            guard let close = rest[bodyStart...].firstRange(of: closing) else { throw TemplateError("a tag is never closed") }
            var body = Substring(rest[bodyStart..<close.lowerBound].trimmingSpaces())
            var kind: Character?
            if let first = body.first, "#^/>!&".contains(first), !triple {
                kind = first
                body = Substring(body.dropFirst().trimmingSpaces())
            }
            guard kind == "!" || !body.isEmpty else { throw TemplateError("an empty tag") }
            tokens.append(.tag(kind: kind, name: String(body), raw: triple || kind == "&"))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { tokens.append(.text(String(rest))) }
        return tokens
    }

    /// Drops the indentation and line break around a standalone tag.
    private static func removeStandaloneLines(_ tokens: inout [Token]) {
        // Whether each token starts at the beginning of a line once earlier standalone lines are gone.
        var beginsLine = tokens.indices.map { $0 == 0 }
        for index in tokens.indices where tokens[index].canStandAlone {
            let before = index == 0 ? "" : tokens[index - 1].textValue
            let after = index == tokens.count - 1 ? "" : tokens[index + 1].textValue
            guard let before, let after else { continue }
            let indentStart = before.lastIndex(of: "\n").map { before.index(after: $0) }
            let startsLine = indentStart != nil || index == 0 || beginsLine[index - 1]
            let indent = before[(indentStart ?? before.startIndex)...]
            let lineBreak = after.firstIndex(of: "\n")
            let trailing = after[..<(lineBreak ?? after.endIndex)]
            let endsLine = lineBreak != nil || index == tokens.count - 1
            guard startsLine, endsLine, indent.allSatisfy(Self.isBlank), trailing.allSatisfy(Self.isBlank) else { continue }
            if index > 0 { tokens[index - 1] = .text(String(before[..<indent.startIndex])) }
            if let lineBreak {
                tokens[index + 1] = .text(String(after[after.index(after: lineBreak)...]))
                beginsLine[index + 1] = true
            }
        }
    }

    private static func isBlank(_ character: Character) -> Bool { character == " " || character == "\t" }

    private static func nodes(_ tokens: [Token], from position: inout Int, closing: String?) throws(TemplateError) -> [Node] {
        var nodes: [Node] = []
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            switch token {
            case .text(let text):
                if !text.isEmpty { nodes.append(.text(text)) }
            case .tag(let kind, let name, let raw):
                switch kind {
                case "!": continue
                case "/":
                    guard name == closing else { throw TemplateError("{{/\(name)}} closes nothing open") }
                    return nodes
                case "#", "^":
                    let body = try Self.nodes(tokens, from: &position, closing: name)
                    nodes.append(.section(name: name, inverted: kind == "^", body: body))
                case ">": nodes.append(.partial(name))
                default: nodes.append(.value(name: name, escaped: !raw))
                }
            }
        }
        if let closing { throw TemplateError("{{#\(closing)}} is never closed") }
        return nodes
    }
}

extension ConsoleTemplate.Token {
    var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// A template the console cannot use, found when the server starts.
struct TemplateError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
