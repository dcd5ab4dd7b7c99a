import Foundation
import Runs
import RunsTestSupport
import Testing
import Training

@testable import neurotop

/// `neurotop export` and `neurotop plot`, run in-process on run directories made by hand,
/// and every reader's answer to a damaged or missing run.
struct ExportCommandTests {
    private let fixture: RunFixture
    private let id = "mlp-tanh-1-20261130-210000"

    init() throws {
        fixture = try RunFixture()
        var lines = RunFixture.events(epochs: 3, steps: 4).map(RunFixture.line)
        lines.insert(Intervention(action: .learningRate, globalStep: 8, learningRate: 0.0005).jsonLine(), at: 15)
        try fixture.makeRun(id: id, summary: RunFixture.summary(id: id, config: "mlp-tanh-1", epochs: 3), lines: lines)
    }

    @Test func csvGoesToStandardOutputOneRowPerEpoch() {
        let run = CommandRun(["export", id, "--csv", "--runs", fixture.root])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.outLines.count == 4)
        #expect(run.outLines[0] == "epoch,loss,accuracy,val_loss,val_accuracy,seconds,learning_rate")
        #expect(
            run.outLines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).count } == [
                7, 7, 7,
            ])
        #expect(run.outLines.dropFirst().map { String($0.prefix(2)) } == ["1,", "2,", "3,"])
        // The learning rate changed at step 8, the end of epoch 2.
        #expect(
            run.outLines.map { $0.split(separator: ",").last.map(String.init) } == [
                "learning_rate", "0.001", "0.001", "0.0005",
            ])
    }

    @Test func csvGoesToAFileWithDashO() throws {
        let path = fixture.root + "/out.csv"
        let run = CommandRun(["export", "mlp-tanh-1", "--csv", "-o", path, "--runs", fixture.root])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.out == "")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("epoch,loss,"))
        #expect(text.split(separator: "\n").count == 4)
    }

    @Test func exportWithoutAFormatSaysWhichThereIs() {
        let run = CommandRun(["export", id, "--runs", fixture.root])
        #expect(run.status != 0)
        #expect(run.error.contains("say which one to export: --csv (a run) or --keras (a config)"))
        let both = CommandRun(["export", id, "--csv", "--keras", "--runs", fixture.root])
        #expect(both.status != 0)
        #expect(both.error.contains("say which one to export"))
    }

    @Test func kerasExportOfAConfigNeurotopDoesNotKnowIsOneLine() {
        let run = CommandRun(["export", "no-such-config", "--keras"])
        #expect(run.status != 0)
        #expect(run.error.contains("no-such-config"))
        #expect(run.error.split(separator: "\n").count <= 2)
    }

    @Test func aStageThatIsNotThereIsNamed() {
        let run = CommandRun(["export", id, "--csv", "--stage", "3", "--runs", fixture.root])
        #expect(run.status == 1)
        #expect(run.error == "neurotop: \(id) has 1 stage; give --stage from 1 to 1\n")
    }

    @Test func plotWritesAnSVGWithEveryRun() throws {
        let second = "mlp-tanh-1-20261130-220000"
        try fixture.makeRun(
            id: second, summary: RunFixture.summary(id: second, config: "mlp-tanh-1"),
            lines: RunFixture.events(accuracy: 0.7).map(RunFixture.line))
        let path = fixture.root + "/curves.svg"
        let run = CommandRun(["plot", id, second, "-o", path, "--runs", fixture.root])
        #expect(run.status == 0, "\(run.error)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("\(id) · test accuracy 80.00% · 1 intervention"))
        #expect(svg.contains("\(second) · test accuracy 70.00%"))
        #expect(svg.contains(#"data-action="learning_rate""#))
    }

    /// rsvg-convert (Debian's librsvg2-bin, from scripts/install-deps.sh) draws the plot: the
    /// SVG is one a real renderer accepts, not only well-formed XML.
    @Test func rsvgConvertRendersThePlot() throws {
        let svgPath = fixture.root + "/curves.svg"
        let pngPath = fixture.root + "/curves.png"
        #expect(CommandRun(["plot", id, "-o", svgPath, "--runs", fixture.root]).status == 0)
        let tool = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        let rsvg = try #require(tool, "rsvg-convert is missing: run scripts/install-deps.sh (librsvg2-bin)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rsvg)
        process.arguments = [svgPath, "-o", pngPath]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message)")
        #expect(message.isEmpty)
        let png = try Data(contentsOf: URL(fileURLWithPath: pngPath))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // Width and height from the IHDR chunk: the SVG's own size.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1000)
    }

    // MARK: - Damaged inputs: one line, what is wrong and what to do, exit status 1

    @Test(arguments: [["export", "--csv"], ["plot"]])
    func aDamagedLineInTheMiddleIsOneLine(command: [String]) throws {
        let damaged = "mlp-tanh-1-20261130-230000"
        var lines = RunFixture.events().map(RunFixture.line)
        lines.insert("{\"v\":1,\"event\":\"batch_e", at: 6)
        let directory = try fixture.makeRun(
            id: damaged, summary: RunFixture.summary(id: damaged, config: "mlp-tanh-1"), lines: lines)
        let run = CommandRun([command[0], damaged] + command.dropFirst() + ["--runs", fixture.root])
        #expect(run.status == 1)
        #expect(run.out == "")
        #expect(
            run.error
                == "neurotop: \(directory.eventsPath) line 7 is not JSON: the file is damaged there; "
                + "delete that line to read the rest\n")
    }

    @Test(arguments: [["export", "--csv"], ["plot"]])
    func aMissingSummaryIsOneLine(command: [String]) throws {
        let directory = try fixture.makeRun(id: "stray", summary: nil, lines: [])
        let run = CommandRun([command[0], "stray"] + command.dropFirst() + ["--runs", fixture.root])
        #expect(run.status == 1)
        #expect(run.error.hasPrefix("neurotop: \(directory.path) has no run.json"))
        #expect(run.error.filter { $0 == "\n" }.count == 1)
    }

    /// Resume reads run.json as the other readers do: the same line, no Swift error.
    @Test(arguments: [["export", "--csv"], ["plot"], ["resume"]])
    func aDamagedSummaryIsTheSameLineForEveryReader(command: [String]) throws {
        let summary = RunFixture.summary(id: "odd", config: "mlp-tanh-1", seed: -1)
        let directory = try fixture.makeRun(id: "odd", summary: summary, lines: [])
        let run = CommandRun([command[0], "odd"] + command.dropFirst() + ["--runs", fixture.root])
        #expect(run.status == 1)
        #expect(
            run.error
                == "neurotop: \(directory.summaryPath) is damaged: `seed` is -1, and it must be a "
                + "whole number from 0 to \(UInt64.max); restore it from a backup or remove the "
                + "run's directory\n")
    }

    @Test(arguments: [["export", "--csv"], ["plot"]])
    func anUnknownRunIsOneLine(command: [String]) {
        let run = CommandRun([command[0], "mlp-relu-7"] + command.dropFirst() + ["--runs", fixture.root])
        #expect(run.status == 1)
        #expect(run.error.hasPrefix("neurotop: no recorded run 'mlp-relu-7' in \(fixture.root)"))
        #expect(
            run.error.hasSuffix("`neurotop runs` lists them, `--runs DIR` or NEUROTOP_RUNS reads another directory\n"))
    }

    @Test func anUnwritableOutputIsOneLine() {
        let run = CommandRun([
            "export", id, "--csv", "-o", fixture.root + "/no/such/dir/out.csv", "--runs", fixture.root,
        ])
        #expect(run.status == 1)
        #expect(run.error.hasPrefix("neurotop: cannot create "))
        #expect(run.error.hasSuffix("; choose another file with -o\n"))
    }
}
