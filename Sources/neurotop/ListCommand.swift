import ArgumentParser
import Experiments
import Foundation
import Training

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the bundled configs, one line each.")

    @Flag(help: "Print one JSON object per config per line.")
    var json = false

    func run() throws {
        let catalog = try reportingErrors { try ConfigCatalog.locate() }
        let entries = catalog.entries()
        guard !entries.isEmpty else {
            throw exitWithError(
                "no configs in \(catalog.displayDirectory); point NEUROTOP_CONFIGS at a directory of .yaml configs")
        }
        let width = entries.map(\.identifier.count).max() ?? 0
        for entry in entries {
            if json {
                JSONLine.write(
                    Listing(
                        identifier: entry.identifier, name: entry.name, group: entry.group.rawValue, path: entry.path,
                        referenceAccuracy: entry.referenceAccuracy, problem: entry.problem.map { "\($0)" }))
                continue
            }
            let padded = entry.identifier.padding(toLength: width, withPad: " ", startingAt: 0)
            let group = entry.group.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
            let reference = entry.referenceAccuracy.map { String(format: "  (article: %.1f%%)", $0 * 100) } ?? ""
            let problem = entry.problem.map { "  [broken: \($0)]" } ?? ""
            writeOut("\(padded)  \(group)  \(entry.name)\(reference)\(problem)\n")
        }
    }

    /// `--json`: one config; `reference_accuracy` and `problem` only when there is one.
    private struct Listing: Encodable {
        var identifier, name, group, path: String
        var referenceAccuracy: Double?
        var problem: String?
    }
}
