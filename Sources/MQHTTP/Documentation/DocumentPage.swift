import FoundationEssentials

/// The OpenAPI document as one plain HTML page: every operation with its summary, parameters, body fields
/// and answers. No script, nothing fetched from elsewhere; the raw document is one link away.
enum DocumentPage {
    static func render(_ document: [String: Any]) -> String {
        let info = document["info"] as? [String: Any] ?? [:]
        let title = info["title"] as? String ?? "API"
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        var body = "<h1>\(escape(title))</h1>\n<p>\(escape(info["summary"] as? String ?? ""))</p>\n"
        body += "<p>\(escape(info["description"] as? String ?? ""))</p>\n"
        body += "<p>The machine-readable document: <a href=\"/openapi.json\">/openapi.json</a> (OpenAPI \(escape(document["openapi"] as? String ?? "")))</p>\n"
        body += "<nav><ul>" + paths.keys.sorted().map { "<li><a href=\"#\(anchor($0))\">\(escape($0))</a></li>" }.joined() + "</ul></nav>\n"
        for path in paths.keys.sorted() {
            let item = paths[path] ?? [:]
            body += "<section id=\"\(anchor(path))\"><h2>\(escape(path))</h2>\n"
            for method in ["get", "post", "put", "patch", "delete"] {
                guard let operation = item[method] as? [String: Any] else { continue }
                body += operationHTML(method, operation, pathParameters: item["parameters"] as? [Any] ?? [], document: document)
            }
            body += "</section>\n"
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
            h2{font-family:ui-monospace,monospace;font-size:1.1rem;border-top:1px solid #ddd;padding-top:1rem}
            .op{margin:0 0 1.2rem 1rem}.method{font:600 .8rem ui-monospace,monospace;text-transform:uppercase;
            padding:.1rem .4rem;border-radius:.3rem;background:#eef;margin-right:.5rem}
            table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
            code{font-family:ui-monospace,monospace}nav ul{columns:2}
            </style></head><body>
            \(body)</body></html>
            """
    }

    private static func operationHTML(_ method: String, _ operation: [String: Any], pathParameters: [Any], document: [String: Any]) -> String {
        var html = "<div class=\"op\"><p><span class=\"method\">\(method)</span>\(escape(operation["summary"] as? String ?? ""))"
        if operation["security"] != nil { html += " <em>(bearer token)</em>" }
        html += "</p>"
        let parameters = (pathParameters + (operation["parameters"] as? [Any] ?? [])).compactMap { resolve($0, document) }
        if !parameters.isEmpty {
            html += "<table><tr><th>parameter</th><th>in</th><th>schema</th></tr>"
            for parameter in parameters {
                html += "<tr><td><code>\(escape(parameter["name"] as? String ?? ""))</code></td><td>\(escape(parameter["in"] as? String ?? ""))</td>"
                html += "<td>\(escape(describe(parameter["schema"], document)))</td></tr>"
            }
            html += "</table>"
        }
        if let requestBody = resolve(operation["requestBody"] as Any, document),
            let schema = resolve(((requestBody["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as Any, document)
        {
            let properties = flattenedProperties(schema, document)
            if !properties.isEmpty {
                html += "<table><tr><th>body field</th><th>schema</th></tr>"
                for (name, property) in properties {
                    html += "<tr><td><code>\(escape(name))</code></td><td>\(escape(describe(property, document)))</td></tr>"
                }
                html += "</table>"
            }
        }
        let responses = operation["responses"] as? [String: Any] ?? [:]
        html += "<table><tr><th>status</th><th>meaning</th></tr>"
        for status in responses.keys.sorted() {
            let response = resolve(responses[status] as Any, document) ?? [:]
            html += "<tr><td>\(escape(status))</td><td>\(escape(response["description"] as? String ?? ""))</td></tr>"
        }
        return html + "</table></div>\n"
    }

    /// Follows a local `$ref`.
    private static func resolve(_ value: Any, _ document: [String: Any]) -> [String: Any]? {
        guard let object = value as? [String: Any] else { return nil }
        guard let reference = object["$ref"] as? String, reference.hasPrefix("#/") else { return object }
        var node: Any = document
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(part)] else { return nil }
            node = next
        }
        return resolve(node, document)
    }

    private static func flattenedProperties(_ schema: [String: Any], _ document: [String: Any]) -> [(String, Any)] {
        var properties = (schema["properties"] as? [String: Any] ?? [:]).map { ($0.key, $0.value) }
        for part in schema["allOf"] as? [Any] ?? [] {
            if let resolved = resolve(part, document) { properties += flattenedProperties(resolved, document) }
        }
        return properties.sorted { $0.0 < $1.0 }
    }

    /// A one-line description of a schema: its type and constraints.
    private static func describe(_ schema: Any?, _ document: [String: Any]) -> String {
        guard let schema = resolve(schema as Any, document) else { return "" }
        var parts: [String] = []
        if let type = schema["type"] { parts.append((type as? [Any])?.map { "\($0)" }.joined(separator: " or ") ?? "\(type)") }
        for key in ["format", "minimum", "maximum", "minLength", "maxLength", "maxItems", "pattern", "const"] {
            if let value = schema[key] { parts.append("\(key) \(value)") }
        }
        if let choices = schema["enum"] as? [Any] { parts.append("one of " + choices.map { "\($0)" }.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    private static func anchor(_ path: String) -> String {
        String(path.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    private static func escape(_ text: String) -> String {
        HTMLText.escaped(text)
    }
}
