import ArgumentParser
import Dashboard
import Foundation
import RunLogs
import TerminalUI

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch runs another program writes, live: TensorBoard logs and neurotop event streams.",
        discussion: """
            PATH is a neurotop run directory, an events.jsonl, a TensorBoard event file \
            (events.out.tfevents.*) or a TensorBoard log directory, walked to any depth (runs in \
            logs/run-a, logs/run-b; Keras's train/ and validation/ below them). The dashboard follows \
            them live and read-only (new values within 0.5 s; new files within a second): losses and \
            accuracies in the charts, several runs overlaid as in `compare` (tab: the next run, c: the \
            list of runs), histograms of weights or gradients in the layer table, single-channel \
            images in the digits panel, any other scalar in a list `v` opens to chart one. With --once --json, \
            what is there is printed as JSON lines in the format of events.jsonl with the run's name \
            added (TensorBoard's values as `scalar`, `histogram` and `image` lines; docs/watch.md), \
            and the command exits. With --json alone, the files are followed: what their writers add \
            is printed as it comes, until Ctrl-C. Records and lines that cannot be read are skipped \
            with a notice (on standard error, or in the run's journal).
            """)

    @Argument(help: "Run directories, events.jsonl files, tfevents files or TensorBoard log directories.")
    var paths: [String]

    @Flag(help: "Read what is there now, print it and exit (with --json).")
    var once = false

    @Flag(help: "Print what is read as JSON lines instead of showing the dashboard.")
    var json = false

    /// How often followed files are looked at again: well within the 0.5 s a new line may take
    /// to show.
    static let pollInterval: TimeInterval = 0.2

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one run directory, log directory or event file") }
        if once && !json { throw ValidationError("--once prints what is there as JSON lines: give --json with it") }
    }

    func run() throws {
        guard json else { return try showDashboard() }
        var followed = try reportingErrors { try discover() }
        for index in followed.indices { try reportingErrors { try read(&followed[index], final: once) } }
        guard !once else { return }
        while true {
            Thread.sleep(forTimeInterval: Self.pollInterval)
            // Files a writer created since (a new run, Keras's validation/ after the first epoch).
            let known = Set(followed.map(\.file.path))
            followed += ((try? discover()) ?? []).filter { !known.contains($0.file.path) }
            // A file deleted or made unreadable while followed is dropped, and taken up again if
            // it comes back.
            var kept: [FollowedFile] = []
            for var file in followed {
                do {
                    try read(&file, final: false)
                    kept.append(file)
                } catch {
                    writeError("neurotop: \(error); no longer followed\n")
                }
            }
            followed = kept
        }
    }

    /// The live dashboard on the paths, until the user quits.
    private func showDashboard() throws {
        let session = try reportingErrors { try WatchSession(paths: paths) }
        if let problem = DashboardApp.terminalProblem() { throw exitWithError(problem) }
        let status = DashboardApp(controller: session).run()
        if status != 0 { throw ExitCode(status) }
    }

    /// Every file under every path, in the order given (each path's files sorted).
    private func discover() throws -> [FollowedFile] {
        try paths.flatMap { try RunLogDiscovery.files(at: $0) }.map(FollowedFile.init)
    }

    /// Prints what a file gained, a batch at a time; at a final read, says when it ends in an
    /// unfinished record.
    private func read(_ followed: inout FollowedFile, final: Bool) throws(RunLogError) {
        var batch: FollowedFile.Batch
        repeat {
            batch = try followed.readAvailable()
            var text = ""
            for record in batch.records { text += record.jsonLine() + "\n" }
            if !text.isEmpty { writeOut(text) }
            for notice in batch.notices { writeError("neurotop: \(notice)\n") }
        } while batch.hasMore
        if final, let notice = followed.unfinishedNotice(pendingBytes: batch.pendingBytes) {
            writeError("neurotop: \(notice)\n")
        }
    }
}
