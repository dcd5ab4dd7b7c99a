import ArgumentParser
import Foundation
import Runs

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List the recorded runs, newest first.",
        discussion: """
            One line per run directory under the runs directory: id, config, status, epochs done, \
            test accuracy and age. A directory that is not a readable run is named on standard error \
            and left out.
            """)

    @OptionGroup var runsRoot: RunsRootOption

    @Flag(help: "Print one JSON object per run per line.")
    var json = false

    func run() throws {
        let catalog = runsRoot.catalog
        let (runs, problems) = catalog.listings()
        for problem in problems { writeError("neurotop: skipped: \(problem)\n") }
        if runs.isEmpty && problems.isEmpty && !json {
            writeError("neurotop: no recorded runs in \(catalog.root) yet; `neurotop train CONFIG` records one\n")
            return
        }
        if json {
            for run in runs { JSONLine.write(Listing(run)) }
            return
        }
        let now = Date()
        let rows = runs.map { run in
            [
                run.directory.id, run.summary.config, run.summary.status.rawValue, String(run.summary.epochsDone),
                run.summary.testAccuracy.map { String(format: "%.2f%%", Double($0) * 100) } ?? "-",
                run.summary.startDate.map { Self.age(from: $0, to: now) } ?? "-",
            ]
        }
        let header = ["ID", "CONFIG", "STATUS", "EPOCHS", "TEST ACC", "AGE"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            let cells = row.indices.map { column in
                column == row.count - 1
                    ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            writeOut(cells.joined(separator: "  ") + "\n")
        }
    }

    /// How long ago a run started, in the largest unit that fits: `45s`, `12m`, `3h`, `2d`.
    static func age(from start: Date, to now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(start)))
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86_400: return "\(seconds / 3600)h"
        default: return "\(seconds / 86_400)d"
        }
    }

    /// `--json`: one run; `test_accuracy` is null when unknown.
    private struct Listing: Encodable {
        var id, path, config, status: String
        var epochsDone: Int
        var testAccuracy: Float?
        var started: String

        init(_ run: RunCatalog.Listing) {
            id = run.directory.id
            path = run.directory.path
            config = run.summary.config
            status = run.summary.status.rawValue
            epochsDone = run.summary.epochsDone
            testAccuracy = run.summary.testAccuracy
            started = run.summary.started
        }

        private enum CodingKeys: String, CodingKey { case id, path, config, status, epochsDone, testAccuracy, started }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(path, forKey: .path)
            try container.encode(config, forKey: .config)
            try container.encode(status, forKey: .status)
            try container.encode(epochsDone, forKey: .epochsDone)
            try container.encode(testAccuracy, forKey: .testAccuracy)
            try container.encode(started, forKey: .started)
        }
    }
}
