import ArgumentParser
import Foundation
import Synchronization
import Testing

@testable import neurotop

/// One in-process run of the command line: what it wrote and how it ended.
struct CommandRun {
    var status: Int32
    var out: String
    var error: String

    /// The lines of standard output, without the final newline.
    var outLines: [String] { out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

    /// Parses and runs `arguments` as `neurotop` would, with standard output and standard error
    /// captured (standard output is not a terminal, as in a pipe).
    init(_ arguments: [String]) {
        let capture = Capture()
        var status: Int32 = 0
        OutputSink.$current.withValue(capture.sink) {
            do {
                var command = try Neurotop.parseAsRoot(arguments)
                try command.run()
            } catch {
                // What `Neurotop.main()` does with an error: its message (help and the version go
                // to standard output), then its exit status.
                let code = Neurotop.exitCode(for: error)
                let message = Neurotop.fullMessage(for: error)
                if !message.isEmpty {
                    if code == .success { writeOut(message + "\n") } else { writeError(message + "\n") }
                }
                status = code.rawValue
            }
        }
        self.status = status
        out = capture.out
        error = capture.error
    }

    /// Each line of standard output decoded as a JSON object.
    func jsonObjects() throws -> [[String: Any]] {
        try outLines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any], "not a JSON object: \(line)")
        }
    }
}

/// Collects what a command writes, standard output and standard error apart.
private final class Capture: Sendable {
    private let texts = Mutex((out: "", error: ""))

    var out: String { texts.withLock { $0.out } }
    var error: String { texts.withLock { $0.error } }

    var sink: OutputSink {
        OutputSink(
            writeOut: { text in self.texts.withLock { $0.out += text } },
            writeError: { text in self.texts.withLock { $0.error += text } },
            isTerminal: false)
    }
}
