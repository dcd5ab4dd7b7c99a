import Datasets
import Foundation
import Testing

/// One naming of file kinds for every reader that refuses what is not a regular file.
@Test func fileKindsAreNamedFromTheirMode() {
    #expect(RegularFile.otherKind(mode: S_IFREG | 0o644) == nil)
    #expect(RegularFile.otherKind(mode: S_IFDIR | 0o755) == "a directory")
    #expect(RegularFile.otherKind(mode: S_IFIFO | 0o644) == "a FIFO")
    #expect(RegularFile.otherKind(mode: S_IFSOCK) == "a socket")
    #expect(RegularFile.otherKind(at: "/dev/null") == "a character device")
    #expect(RegularFile.otherKind(at: "/no/such/file") == nil)
}
