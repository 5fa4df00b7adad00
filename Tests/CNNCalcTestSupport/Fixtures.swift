import Foundation

/// Files under `Tests/Fixtures`, written by the scripts in `Scripts/` from the real frameworks.
public enum Fixtures {
    /// The folder holding the fixtures.
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The repository's root folder.
    public static let repositoryRoot = directory.deletingLastPathComponent().deletingLastPathComponent()

    /// Decodes the JSON fixture `name`, failing loudly when it is missing or malformed.
    public static func decode<T: Decodable>(_ type: T.Type, from name: String) -> T {
        let url = directory.appendingPathComponent(name)
        do {
            return try JSONDecoder().decode(type, from: Data(contentsOf: url))
        } catch {
            preconditionFailure("cannot read fixture \(url.path): \(error)")
        }
    }
}
