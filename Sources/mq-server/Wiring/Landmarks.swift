import Foundation
import MQDomain

/// The nine landmarks the game ships with (`landmarks.json`, carried as a resource).
enum Landmarks {
    static func load() throws -> [Landmark] {
        guard let url = Bundle.module.url(forResource: "landmarks", withExtension: "json") else {
            throw ConfigurationError.invalid("landmarks.json is missing from the server's resources")
        }
        return try JSONDecoder().decode([Landmark].self, from: Data(contentsOf: url))
    }
}
