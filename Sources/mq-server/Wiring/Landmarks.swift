import FoundationEssentials
import MQDomain

/// The nine landmarks the game ships with (`Resources/landmarks.json`, embedded in the binary).
enum Landmarks {
    static func load() throws -> [Landmark] {
        guard let file = EmbeddedResources.files["landmarks.json"] else {
            throw ConfigurationError.invalid("landmarks.json is missing from the server's resources")
        }
        return try JSONDecoder().decode([Entry].self, from: Data(file.utf8)).map(\.landmark)
    }

    /// One landmark as the file spells it.
    struct Entry: Decodable {
        let name: String
        let province: String
        let latitude: String
        let longitude: String
        let points: Int
        let defaultImage: String
        let description: String

        enum CodingKeys: String, CodingKey {
            case name, province, latitude, longitude, points, description
            case defaultImage = "default_image"
        }

        var landmark: Landmark {
            Landmark(
                name: name, province: province, latitude: latitude, longitude: longitude, points: points,
                defaultImage: defaultImage, description: description)
        }
    }
}
