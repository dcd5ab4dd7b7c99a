import Foundation

/// Reads the Linux kernel's `/proc` files. They report a size of 0, and Foundation's
/// `String(contentsOfFile:)` then stops after one page: `/proc/self/maps` runs to many pages.
enum ProcFile {
    /// The whole text of `path`, read until the end; nil when it cannot be opened.
    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
