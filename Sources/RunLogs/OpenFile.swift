import Datasets
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file opened read-only for positioned reads, closed when released: the readers read a
/// bounded window at a time, so a file of gigabytes never comes into memory whole.
final class OpenFile {
    let path: String
    private let descriptor: Int32

    init(path: String) throws(RunLogError) {
        self.path = path
        descriptor = try Self.openRegularFile(path)
    }

    /// Opens `path` for reading if it is a regular file: a FIFO or a device such as /dev/zero has
    /// no end to follow, and without O_NONBLOCK opening a FIFO waits for a writer, forever if none
    /// comes.
    private static func openRegularFile(_ path: String) throws(RunLogError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .missing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            _ = close(descriptor)
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        if let kind = RegularFile.otherKind(mode: status.st_mode) {
            _ = close(descriptor)
            throw .notAFile(path: path, kind: kind)
        }
        return descriptor
    }

    deinit { _ = close(descriptor) }

    /// The file's size now (it may grow while it is read).
    func size() throws(RunLogError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        return Int(status.st_size)
    }

    /// Up to `count` bytes from `offset` (fewer at the end of the file).
    func read(at offset: Int, count: Int) throws(RunLogError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + filled }, count - filled, off_t(offset + filled))
            }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(count - filled)
        return bytes
    }
}
