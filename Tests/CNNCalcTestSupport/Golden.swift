import Foundation
import Testing

/// Compares `text` with the golden file `Golden/<name>` beside the calling test file.
///
/// Set `CNNCALC_RECORD_GOLDEN=1` to rewrite the file; the test then fails once with
/// "recorded", so a recording never passes silently.
public func expectGolden(
    _ text: String, named name: String,
    filePath: StaticString = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: "\(filePath)").deletingLastPathComponent().appendingPathComponent("Golden")
    let url = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["CNNCALC_RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded golden file \(name); run again without CNNCALC_RECORD_GOLDEN", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(url.path); record it with CNNCALC_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    #expect(text == expected, "differs from golden file \(name)", sourceLocation: sourceLocation)
}
