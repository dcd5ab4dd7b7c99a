import CZlib
import Foundation
import Testing

/// A fresh directory under the system temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("neurotop-datasets-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Creates `relative` (and its parents) as a directory and returns its path.
    @discardableResult
    func makeDirectory(_ relative: String) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    /// Deletes `relative`, a file or directory inside this one.
    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: path + "/" + relative)
    }

    /// Writes `bytes` to `name`, through gzip when `gzipped`, and returns the file's path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String, gzipped: Bool = false) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if gzipped {
            let file = try #require(gzopen(full, "wb"))
            let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
            #expect(Int(written) == bytes.count)
            #expect(gzclose(file) == Z_OK)
        } else {
            try Data(bytes).write(to: URL(fileURLWithPath: full))
        }
        return full
    }
}
