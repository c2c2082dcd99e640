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

    @Test func hexadecimalKeepsEveryDigitOfA64And128BitValue() {
        #expect(Hexadecimal.string(0 as UInt64) == "0000000000000000")
        #expect(Hexadecimal.string(UInt64.max) == "ffffffffffffffff")
        #expect(Hexadecimal.string(0x0123_4567_89AB_CDEF as UInt64) == "0123456789abcdef")
        #expect(Hexadecimal.string(1, 0xA0) == "000000000000000100000000000000a0")
        for _ in 0..<1_000 {
            let (high, low) = (UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max))
            let digits = { (value: UInt64) in String(value, radix: 16).zeroPadded(to: 16) }
            #expect(Hexadecimal.string(high, low) == digits(high) + digits(low))
            #expect(Hexadecimal.string(low) == Hexadecimal.string(withUnsafeBytes(of: low.bigEndian) { Array($0) }))
        }
    }
}
