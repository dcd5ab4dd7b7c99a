import Foundation

/// Reads a config file, a named pipe or a `<(...)` substitution, never waiting forever.
///
/// A FIFO whose writer never comes, or a command that never writes, would block `open` and then
/// `read` with no end and no word; here the file is opened without blocking and every wait for
/// data is bounded by `timeout`.
struct ConfigFileReader {
    /// How long to wait for the next bytes before giving up.
    let timeout: Duration
    /// The most bytes to read; one more is read so that a larger file can be told apart.
    let limit: Int

    /// What went wrong, as the reason part of `ConfigError.unreadable`.
    struct Failure: Error {
        let reason: String
    }

    /// Up to `limit + 1` bytes of the file at `path`.
    func read(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(reason: Self.systemMessage(errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            try waitForData(descriptor)
            let got = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if got == 0 { break }
            if got < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw Failure(reason: Self.systemMessage(errno))
            }
            bytes.append(contentsOf: chunk[0..<min(got, limit + 1 - bytes.count)])
        }
        return bytes
    }

    // MARK: - Private

    /// Returns once `descriptor` has data or its writer has gone; throws after `timeout` of silence.
    private func waitForData(_ descriptor: Int32) throws(Failure) {
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&request, 1, milliseconds)
            if ready > 0 { return }
            if ready < 0, errno == EINTR { continue }
            if ready < 0 { throw Failure(reason: Self.systemMessage(errno)) }
            let waited = String(format: "%g", Double(milliseconds) / 1000)
            throw Failure(
                reason: "nothing arrived for \(waited) s; if it is a pipe, start what writes to it "
                    + "or give the path of a file")
        }
    }

    private static func systemMessage(_ code: Int32) -> String { String(cString: strerror(code)) }
}
