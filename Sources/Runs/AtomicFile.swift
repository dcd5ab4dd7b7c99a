import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Replaces files so that a crash or `kill -9` at any instant leaves either the old file or the
/// new one, never a torn mixture: the bytes go to a temporary file in the same directory, which
/// is flushed to disk, renamed over the target, and the directory flushed so the rename lasts.
public enum AtomicFile {
    /// Why a file could not be replaced; the previous file, if any, is untouched.
    public struct WriteError: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let step: String
        public let code: Int32

        public var description: String {
            "cannot \(step) \(path): \(String(cString: strerror(code)))"
        }
    }

    /// Writes `bytes` to `path`, replacing any file there atomically.
    public static func replace(_ path: String, with bytes: [UInt8]) throws(WriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"

        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: temporary, step: "create", code: errno) }
        do throws(WriteError) {
            // The new file takes the old one's permissions: a file kept private (600) stays so.
            var existing = stat()
            if stat(path, &existing) == 0, existing.st_mode & S_IFMT == S_IFREG,
                fchmod(descriptor, existing.st_mode & 0o7777) != 0
            {
                throw WriteError(path: temporary, step: "set the permissions of", code: errno)
            }
            try writeAll(bytes, to: descriptor, path: temporary)
            guard fsync(descriptor) == 0 else { throw WriteError(path: temporary, step: "flush", code: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, step: "replace", code: code)
        }
        try syncDirectory(directory.isEmpty ? "." : directory)
    }

    /// Flushes a directory's entries, so that a rename or a new file in it survives a crash.
    public static func syncDirectory(_ directory: String) throws(WriteError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError(path: directory, step: "open directory", code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw WriteError(path: directory, step: "flush directory", code: errno) }
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(WriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, step: "write", code: errno)
            }
            offset += written
        }
    }
}
