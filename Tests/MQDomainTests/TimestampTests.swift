import Foundation
import MQDomain
import Testing

@Suite("Timestamps are ISO 8601 in UTC with microseconds")
struct TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000000Z"),
        (1_762_377_032.998848, "2025-11-05T21:10:32.998848Z"),
        (-0.5, "1969-12-31T23:59:59.500000Z"),
        (951_782_400.000001, "2000-02-29T00:00:00.000001Z"),
        (253_402_300_799.5, "9999-12-31T23:59:59.500000Z"),
        (253_402_300_800, "10000-01-01T00:00:00.000000Z"),
        (-62_135_596_800, "0001-01-01T00:00:00.000000Z"),
    ])
    func formatsEveryDateTheSameWay(seconds: Double, text: String) {
        #expect(Timestamp.string(Date(timeIntervalSince1970: seconds)) == text)
    }
}
