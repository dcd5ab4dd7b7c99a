import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension AtomicFile {
    /// Writes `bytes` to the file a user named (`-o FILE`): a regular file is replaced atomically
    /// (see `replace`), keeping its permissions; a symbolic link keeps pointing where it did, and
    /// the file it points to is replaced; a device, FIFO or socket is written through, as a shell's
    /// `>` would, since renaming over it would put a regular file in its place (`-o /dev/null`).
    public static func writeOutput(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let target = try resolvingSymbolicLinks(path)
        var status = stat()
        guard stat(target, &status) == 0, status.st_mode & S_IFMT != S_IFREG else {
            try replace(target, with: bytes)
            return
        }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw WriteError(path: target, step: "write", code: EISDIR) }
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError(path: target, step: "open", code: errno) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: target)
    }

    /// The path `path` ends at after following symbolic links, even to a file not there yet.
    static func resolvingSymbolicLinks(_ path: String) throws(WriteError) -> String {
        var current = path
        // Linux's own limit (MAXSYMLINKS); a loop of links ends here instead of spinning.
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw WriteError(path: current, step: "follow the link", code: errno) }
            let destination = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let linkDirectory = (current as NSString).deletingLastPathComponent as NSString
            current = destination.hasPrefix("/") ? destination : linkDirectory.appendingPathComponent(destination)
        }
        throw WriteError(path: path, step: "follow the link", code: ELOOP)
    }
}
