import Testing

@testable import MQHTTP

@Suite("Console templates render the Mustache the console uses")
struct ConsoleTemplateTests {
    private func render(_ source: String, _ context: [String: Any], partials: [String: String] = [:]) throws -> String {
        let library = try ConsoleTemplates([("page", source)] + partials.map { ($0.key, $0.value) })
        return library.render(context, withTemplate: "page")
    }

    @Test func valuesAreHTMLEscapedUnlessTripled() throws {
        let context: [String: Any] = ["caption": "<script>alert('x') & \"y\"</script>"]
        #expect(try render("{{caption}}", context) == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(try render("{{{caption}}}|{{& caption}}", context) == "<script>alert('x') & \"y\"</script>|<script>alert('x') & \"y\"</script>")
    }

    @Test func missingAndOptionalValuesRenderAsNothing() throws {
        let note: String? = nil
        let named: String? = "Banff"
        #expect(try render("[{{missing}}][{{note}}][{{named}}][{{count}}]", ["note": note as Any, "named": named as Any, "count": 3]) == "[][][Banff][3]")
    }

    @Test func sectionsRepeatForListsAndShowForTruthyValues() throws {
        let context: [String: Any] = [
            "players": [["email": "a@x.ca"], ["email": "b@x.ca"]], "empty": [[String: Any]](), "yes": true, "no": false,
            "user": ["email": "staff@x.ca", "points": 12],
        ]
        #expect(try render("{{#players}}<li>{{email}}</li>{{/players}}", context) == "<li>a@x.ca</li><li>b@x.ca</li>")
        #expect(try render("{{#empty}}never{{/empty}}{{^empty}}none{{/empty}}", context) == "none")
        #expect(try render("{{#yes}}shown{{/yes}}{{#no}}hidden{{/no}}{{^no}}inverted{{/no}}", context) == "showninverted")
        #expect(try render("{{#user}}{{email}} has {{points}}{{/user}} {{user.points}}", context) == "staff@x.ca has 12 12")
    }

    @Test func namesResolveFromTheInnermostContextOutwards() throws {
        let context: [String: Any] = ["title": "Users", "rows": [["name": "a"], ["name": "b", "title": "own"]], "words": ["x", "y"]]
        #expect(try render("{{#rows}}{{name}}:{{title}} {{/rows}}", context) == "a:Users b:own ")
        #expect(try render("{{#words}}<{{.}}>{{/words}}", context) == "<x><y>")
    }

    @Test func partialsRenderWithTheCurrentContext() throws {
        let output = try render("{{#pager}}{{> pager}}{{/pager}}", ["pager": ["number": 2]], partials: ["pager": "page {{number}}"])
        #expect(output == "page 2")
    }

    @Test func aPartialThatIncludesItselfStopsAtTheDepthLimit() throws {
        let output = try render("{{> loop}}", [:], partials: ["loop": "x{{> loop}}"])
        #expect(output == String(repeating: "x", count: ConsoleTemplate.maximumPartialDepth))
    }

    @Test func aTagAloneOnItsLineTakesTheLineWithIt() throws {
        let source = "<ul>\n  {{#rows}}\n  <li>{{name}}</li>\n  {{/rows}}\n</ul>\n{{! a comment }}\nend"
        #expect(try render(source, ["rows": [["name": "a"], ["name": "b"]]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend")
    }

    @Test(arguments: ["{{#open}}never closed", "{{/stray}}", "{{unterminated", "{{#a}}{{/b}}", "{{}}"])
    func aMalformedTemplateIsRefusedAtStart(source: String) {
        #expect(throws: TemplateError.self) { try ConsoleTemplates([("page", source)]) }
    }

    @Test func everyShippedTemplateParses() throws {
        _ = try ConsolePages()
    }
}
