import ArgumentParser
import Foundation
import NeuroEngine

@main
struct Neurotop: ParsableCommand {
    /// The release, printed by `neurotop --version`.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "neurotop",
        abstract: "Train small neural networks on MNIST and watch them learn, live in the terminal.",
        // The dashboard's options: it is the default command, so they are the program's too.
        usage: """
            neurotop [<config>] [--epochs <n>] [--seed <n>] [--batch-size <n>] [--steps-per-epoch <n>] [--data <dir>]
                     [--baseline <run>] [--runs <dir>] [--no-record]
            neurotop <subcommand> [<arguments>]
            """,
        discussion: """
            With no subcommand, opens the dashboard on a config (default: mlp-tanh-4). \
            CONFIG is a path to a YAML file or the name of a bundled config (see `neurotop list`).
            """,
        version: version,
        subcommands: [
            DashboardCommand.self, TrainCommand.self, SummaryCommand.self, GradsCommand.self, ListCommand.self,
            ReconCommand.self, SeedsCommand.self, BenchCommand.self, ResumeCommand.self, RunsCommand.self,
            ReplayCommand.self, CompareCommand.self, ExportCommand.self, ImportCommand.self, PlotCommand.self,
            TourCommand.self, WatchCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// Checks what BLAS will do before its first call, for every command: a bad `BLIS_ARCH_TYPE`
    /// or `NEUROTOP_GEMM` ends here with one line and status 1 instead of an abort inside BLIS.
    static func main() {
        MallocTuning.apply()
        do {
            try GEMM.prepare()
        } catch {
            writeError("neurotop: \(error)\n")
            Foundation.exit(1)
        }
        main(nil)
    }
}
