import Glibc

/// Where the program's output goes: straight to the standard file descriptors, or, in tests,
/// into memory (a test binds `OutputSink.$current` around a command).
///
/// The standard streams are written unbuffered, so in-place progress and whole lines keep their
/// order, and a failed write (a full disk, a closed descriptor) ends the program with one line
/// instead of a trap.
struct OutputSink: Sendable {
    var writeOut: @Sendable (String) -> Void
    var writeError: @Sendable (String) -> Void
    /// Whether standard output is a terminal, where progress lines are redrawn in place.
    var isTerminal: Bool

    /// The sink commands write to; the standard streams unless a test binds another.
    @TaskLocal static var current = OutputSink.standardStreams

    static let standardStreams = OutputSink(
        writeOut: { text in
            guard let failure = writeAll(text, to: STDOUT_FILENO) else { return }
            _ = writeAll(
                "neurotop: cannot write the output (\(String(cString: strerror(failure)))); "
                    + "check where standard output goes\n", to: STDERR_FILENO)
            exit(1)
        },
        // A failure on standard error has nowhere to be reported and is ignored.
        writeError: { text in _ = writeAll(text, to: STDERR_FILENO) },
        isTerminal: isatty(STDOUT_FILENO) == 1)

}

/// Writes `text` to standard output (or the current sink); if it cannot, says why on standard
/// error and exits with 1.
func writeOut(_ text: String) {
    OutputSink.current.writeOut(text)
}

/// Writes `text` to standard error (or the current sink).
func writeError(_ text: String) {
    OutputSink.current.writeError(text)
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
