import Foundation
import MQTestSupport
import Testing

@testable import MQAuth

@Suite("Unpadded base64url, as tokens carry it")
struct Base64URLTests {
    @Test func everyByteStringDecodesBackFromItsEncoding() {
        var generator = SeededGenerator(seed: 21)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base64URL.encode(Data(bytes))
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(ArraySlice(text.utf8)) == bytes)
        }
    }

    @Test func aByteOutsideTheAlphabetOrAnImpossibleLengthDecodesToNothing() {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        for byte in UInt8.min...UInt8.max where !alphabet.contains(byte) {
            #expect(Base64URL.decode([UInt8(ascii: "Q"), byte, UInt8(ascii: "Q"), UInt8(ascii: "Q")]) == nil)
        }
        #expect(Base64URL.decode(ArraySlice("QUJD".utf8)) == Array("ABC".utf8))
        #expect(Base64URL.decode(ArraySlice("QUJDR".utf8)) == nil)
        #expect(Base64URL.decode(ArraySlice("QUI=".utf8)) == nil)
    }
}
