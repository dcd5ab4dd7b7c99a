import ArgumentParser
import Foundation
import Testing

@testable import neurotop

/// Argument parsing and help: what the command line says before any command runs.
struct CommandLineTests {
    @Test(arguments: [
        (
            ["train", "mlp-tanh-1", "--seed", "-1"],
            "'-1' is invalid for '--seed <seed>': must be a whole number from 0"
        ),
        (["train", "mlp-tanh-1", "--epochs", "-3"], "--epochs must be at least 1 (got -3)"),
        (["train", "mlp-tanh-1", "--batch-size", "-8"], "--batch-size must be at least 1 (got -8)"),
        (["mlp-tanh-1", "--steps-per-epoch", "-2"], "--steps-per-epoch must be at least 1 (got -2)"),
        (["grads", "mlp-tanh-1", "--after-epochs", "-1"], "--after-epochs must be at least 1 (got -1)"),
        (
            ["grads", "mlp-tanh-1", "--seed", "-5"],
            "'-5' is invalid for '--seed <seed>': must be a whole number from 0"
        ),
        (
            ["recon", "ae-pretrain", "--seed", "-2"],
            "'-2' is invalid for '--seed <seed>': must be a whole number from 0"
        ),
        (["seeds", "mlp-tanh-1", "--seeds", "-1"], "'-1' is not a seed"),
        (["recon", "ae-pretrain", "--stage", "-1"], "--stage must be at least 1 (got -1)"),
        (["bench", "--repeats", "-1"], "--repeats must be at least 1"),
    ])
    func negativeNumbersSayWhatIsAllowed(arguments: [String], message: String) {
        let run = CommandRun(arguments)
        #expect(run.status == ExitCode.validationFailure.rawValue)
        #expect(run.out == "")
        #expect(run.error.contains(message), "\(run.error)")
        #expect(!run.error.contains("Missing value"))
    }

    @Test func aSeedThatIsNotANumberSaysSo() {
        let run = CommandRun(["train", "mlp-tanh-1", "--seed", "x"])
        #expect(run.status == ExitCode.validationFailure.rawValue)
        #expect(run.error.contains("'x' is invalid for '--seed <seed>': must be a whole number from 0"), "\(run.error)")
    }

    @Test func versionPrintsTheVersion() {
        let run = CommandRun(["--version"])
        #expect(run.status == 0)
        #expect(run.out == Neurotop.version + "\n")
        #expect(!Neurotop.version.isEmpty)
    }

    @Test func topLevelUsageShowsEveryDashboardOption() throws {
        let dashboardUsage = DashboardCommand.usageString()
        let options = try Regex(#"--[a-z-]+"#)
        let dashboardOptions = Set(dashboardUsage.matches(of: options).map { String(dashboardUsage[$0.range]) })
        #expect(dashboardOptions.contains("--steps-per-epoch"))
        let topUsage = Neurotop.usageString()
        let shown = Set(topUsage.matches(of: options).map { String(topUsage[$0.range]) })
        #expect(
            dashboardOptions.subtracting(shown).isEmpty,
            "missing from the usage: \(dashboardOptions.subtracting(shown))")
    }

    /// A help paragraph with line breaks of its own comes out ragged once the help formatter
    /// wraps it again at another width (80 columns, or a pipe).
    @Test func helpParagraphsHaveNoHardLineBreaks() {
        let commands: [any ParsableCommand.Type] = [Neurotop.self] + Neurotop.configuration.subcommands
        for command in commands {
            let paragraphs = command.configuration.discussion.components(separatedBy: "\n\n")
            for paragraph in paragraphs {
                #expect(!paragraph.contains("\n"), "\(command.configuration.commandName ?? "?"): \(paragraph)")
            }
        }
    }

    @Test func helpWrapsAtTheWidthItIsGiven() {
        let wide = Neurotop.helpMessage(for: BenchCommand.self, columns: 200)
        #expect(wide.contains("(the real trainer, validation excluded, over a second run of --steps batches after"))
        let narrow = Neurotop.helpMessage(for: BenchCommand.self, columns: 80)
        // ArgumentParser leaves the usage line whole; everything else wraps.
        let wrapped = narrow.split(separator: "\n").filter { !$0.hasPrefix("USAGE:") }
        #expect(wrapped.allSatisfy { $0.count <= 80 })
    }
}
