import Foundation

/// A file in a fresh temporary directory, removed with the value.
final class TemporaryFile {
    let path: String
    private let directory: URL

    init(named name: String, contents: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("neurotopTests-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(name).path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
