import MQDomain
import Testing

@Suite("Trimming and percent-encoding behave as Foundation's did")
struct TextSupportTests {
    @Test func trimmingWhitespaceTakesLineBreaksToo() {
        #expect(" \t maple\u{00A0}leaf \n\r".trimmingWhitespace() == "maple\u{00A0}leaf")
        #expect("\n\n".trimmingWhitespace() == "")
    }

    @Test func trimmingSpacesLeavesLineBreaks() {
        #expect(" \t\u{2003}42\u{3000} ".trimmingSpaces() == "42")
        #expect(" 42\n".trimmingSpaces() == "42\n")
        #expect("   ".trimmingSpaces() == "")
    }

    @Test func percentEncodingKeepsOnlyUnreservedCharacters() {
        #expect(PercentEncoding.encode("Lac Louise & café/é~._-") == "Lac%20Louise%20%26%20caf%C3%A9%2F%C3%A9~._-")
        #expect(PercentEncoding.encodePath("photos/1 2.jpg") == "photos/1%202.jpg")
    }
}
