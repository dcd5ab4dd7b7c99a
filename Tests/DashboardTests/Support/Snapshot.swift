import Dashboard
import Foundation
import Testing

/// Compares rendered screens with plain-text files in `Snapshots/`.
///
/// Set NEUROTOP_RECORD_SNAPSHOTS=1 to write the files from the current rendering instead (then
/// review the diff). A missing file is a failure, so new snapshots are never recorded silently.
enum Snapshot {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Snapshots")
    }

    static var isRecording: Bool {
        let value = ProcessInfo.processInfo.environment["NEUROTOP_RECORD_SNAPSHOTS"] ?? ""
        return !value.isEmpty && value != "0"
    }

    static func check(_ screen: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = screen.plainText
        if isRecording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            #expect(throws: Never.self, sourceLocation: sourceLocation) {
                try actual.write(to: url, atomically: true, encoding: .utf8)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "no snapshot \(name).txt; run with NEUROTOP_RECORD_SNAPSHOTS=1 to record it",
                sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let row =
            Array(zip(expectedLines, actualLines)).firstIndex { $0 != $1 }
            ?? min(expectedLines.count, actualLines.count)
        let want = row < expectedLines.count ? String(expectedLines[row]) : "<none>"
        let got = row < actualLines.count ? String(actualLines[row]) : "<none>"
        Issue.record(
            "snapshot \(name) differs at row \(row):\n  expected: \(want)\n  actual:   \(got)\n(re-record with NEUROTOP_RECORD_SNAPSHOTS=1 if the change is intended)",
            sourceLocation: sourceLocation)
    }
}
