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
        return otherKind(mode: status.st_mode)
    }

    /// Nil when `mode` (a `st_mode`) is a regular file's; else what the file is instead, such as
    /// "a directory" or "a FIFO".
    public static func otherKind(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
