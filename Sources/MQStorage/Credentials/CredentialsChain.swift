/// Tries each provider in turn and uses the first that has credentials: environment, container, instance.
public struct CredentialsChain: CredentialsProvider {
    let providers: [any CredentialsProvider]

    public init(_ providers: [any CredentialsProvider]) {
        self.providers = providers
    }

    /// The chain an ECS task, an EC2 instance or a developer's shell needs, in the SDKs' order.
    public static func standard(environment: [String: String]) -> CredentialsChain {
        CredentialsChain([
            EnvironmentCredentialsProvider(environment: environment),
            ContainerCredentialsProvider(environment: environment),
            InstanceMetadataCredentialsProvider(environment: environment),
        ])
    }

    public func credentials() async throws -> AWSCredentials {
        var firstFailure: (any Error)?
        for provider in providers {
            do {
                return try await provider.credentials()
            } catch CredentialsError.notConfigured {
                continue
            } catch {
                firstFailure = firstFailure ?? error
            }
        }
        throw firstFailure ?? CredentialsError.notConfigured
    }
}
