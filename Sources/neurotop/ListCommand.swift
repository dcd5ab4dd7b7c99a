import ArgumentParser
import Experiments
import Foundation

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the bundled configs, one line each.")

    func run() throws {
        let entries = try reportingErrors { try ConfigCatalog.bundled() }
        let width = entries.map(\.identifier.count).max() ?? 0
        for entry in entries {
            let padded = entry.identifier.padding(toLength: width, withPad: " ", startingAt: 0)
            let reference = entry.referenceAccuracy.map { String(format: "  (article: %.1f%%)", $0 * 100) } ?? ""
            print("\(padded)  \(entry.group.padding(toLength: 11, withPad: " ", startingAt: 0))  \(entry.name)\(reference)")
        }
    }
}
