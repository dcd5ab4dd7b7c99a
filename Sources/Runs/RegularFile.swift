import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells what stands at a path that should hold a regular file when it is something else:
/// reading a FIFO waits for a writer forever, a device such as /dev/zero never ends, and a
/// directory fails with a message about permissions, none of which says what is wrong.
public enum RegularFile {
    /// Nil when `path` (links followed) is a regular file or nothing; else what it is instead,
    /// such as "a directory" or "a FIFO".
    public static func otherKind(at path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }
}
