/// A deterministic source of arbitrary JSON, written as raw text so that it can hold what encoders never
/// produce: lone UTF-16 surrogate escapes, NUL escapes, huge and tiny numbers, deep nesting.
struct ArbitraryJSON {
    /// SplitMix64: the same seed always gives the same values, so a failure is reproducible.
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(next() % UInt64(choices.count))]
    }

    static let texts = [
        #""""#, #""a""#, #""visible\u0000HIDDEN""#, #""\ud800""#, #""\udc00x""#, #""\ud83d\ude00""#, #""   ""#,
        #""ann@example.com""#, #""not an email""#, #""http://localhost:8000/media/images/x/a.jpg""#, #""https://evil.test/a.jpg""#,
        #""../../etc/passwd""#, #""<script>alert(1)</script>""#, #""' OR 1=1 --""#, #""9223372036854775808""#, #""-1""#,
        #""0x10""#, #""1e400""#, #""NaN""#, #""maple-syrup-42""#,
        #""a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301""#,
        "\"" + String(repeating: "x", count: 300) + "\"", "\"" + String(repeating: "é", count: 20_000) + "\"",
        #""0123456789""#, #""12345678901""#, #""43.6426""#, #""-200""#, #""pending""#, #""accepted""#,
    ]

    static let numbers = [
        "0", "-0", "1", "-1", "10", "100", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "1e308", "1e309", "-1e309", "1.5", "4.9e-324",
        "0.1", "1E2", "-0.0",
    ]

    /// One JSON value, at most `depth` levels deep.
    mutating func value(depth: Int = 3) -> String {
        switch next() % (depth > 0 ? 7 : 5) {
        case 0: return "null"
        case 1: return pick(["true", "false"])
        case 2: return pick(Self.numbers)
        case 3, 4: return pick(Self.texts)
        case 5: return "[" + (0..<Int(next() % 4)).map { _ in value(depth: depth - 1) }.joined(separator: ",") + "]"
        default: return object(keys: ["image_url", "description", "x", "note", "kind", "count", "landmarks"], depth: depth - 1)
        }
    }

    /// An object with some of `keys` (and now and then a stranger) holding arbitrary values.
    mutating func object(keys: [String], depth: Int = 3) -> String {
        var members: [String] = []
        for key in keys where next() % 4 != 0 {
            members.append("\"\(key)\":" + value(depth: depth))
        }
        if next() % 5 == 0 { members.append("\"unexpected\":" + value(depth: depth)) }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Not always an object: the body itself may be anything, or not JSON at all.
    mutating func body(keys: [String]) -> String {
        switch next() % 12 {
        case 0: return value()
        case 1: return pick(["", "{", "{\"a\":}", "[" + String(repeating: "[", count: 5000), "\u{0}", "{\"a\":1}{\"b\":2}"])
        default: return object(keys: keys)
        }
    }
}
