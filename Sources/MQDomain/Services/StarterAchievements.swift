/// The achievements every new game starts with, seeded beside the landmarks.
public enum StarterAchievements {
    public static let all: [Achievement] = [
        Achievement(id: "first-stop", description: "First check-in: visit any landmark.", points: 10, rule: .distinctLandmarks(1)),
        Achievement(id: "explorer-5", description: "Visit five different landmarks.", points: 50, rule: .distinctLandmarks(5)),
        Achievement(id: "provinces3", description: "Visit landmarks in three different provinces.", points: 75, rule: .distinctProvinces(3)),
    ]
}
