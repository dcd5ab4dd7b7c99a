import Glibc

/// The program's own output goes straight to the file descriptors, unbuffered, so in-place
/// progress and whole lines keep their order, and a failed write (a full disk, a closed
/// descriptor) ends the program with one line instead of a trap.

/// Writes `text` to standard output; if it cannot, says why on standard error and exits with 1.
func writeOut(_ text: String) {
    guard let failure = writeAll(text, to: STDOUT_FILENO) else { return }
    writeError(
        "neurotop: cannot write the output (\(String(cString: strerror(failure)))); "
            + "check where standard output goes\n")
    exit(1)
}

/// Writes `text` to standard error; a failure there has nowhere to be reported and is ignored.
func writeError(_ text: String) {
    _ = writeAll(text, to: STDERR_FILENO)
}

/// Writes every byte of `text`, retrying short writes and interruptions.
///
/// - Returns: nil when all was written, else the `errno` of the failure.
private func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
    var text = text
    return text.withUTF8 { bytes -> Int32? in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
