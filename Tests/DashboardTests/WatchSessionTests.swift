import Dashboard
import Foundation
import RunLogs
import RunLogsTestSupport
import Testing
import Training

/// `neurotop watch`'s dashboard on TensorBoard logs written field by field: what reaches each
/// panel, following files as they grow, appear and go away, and the keys of a read-only view.
struct WatchSessionTests {
    /// A clock the tests move by hand.
    final class Clock: @unchecked Sendable {
        var now = 0.0
        func read() -> Double { now }
    }

    @Test func aKerasLogFillsTheChartsTheJournalAndTheLayerTable() throws {
        let scratch = try ScratchDirectory()
        let log = WatchedLogs.keras(epochs: 2)
        try scratch.write(log.train, to: "logs/mlp/train/events.out.tfevents.1.host.v2")
        try scratch.write(log.validation, to: "logs/mlp/validation/events.out.tfevents.2.host.v2")
        let session = try WatchSession(paths: [scratch.path + "/logs"], clock: Clock().read)
        #expect(session.model.entries.map(\.identifier) == ["mlp"])
        let state = try #require(session.model.runs["mlp"])
        let steps = Array(1...(2 * WatchedLogs.batchesPerEpoch))
        #expect(state.losses.steps == steps)
        #expect(state.losses.values == steps.map { WatchedLogs.loss(step: $0) })
        #expect(state.accuracies.values == steps.map { WatchedLogs.accuracy(step: $0) })
        #expect(state.epochs.map(\.validationAccuracy) == [0, 1].map { WatchedLogs.validationAccuracy(epoch: $0) })
        #expect(state.epochs.map(\.loss) == [0, 1].map { WatchedLogs.loss(step: $0) })
        #expect(state.epochs.map(\.stepsPerEpoch) == [3, 3])
        // One journal line per epoch, filled in from both files.
        let epochLines = state.journal.filter { $0.hasPrefix("epoch") }
        #expect(
            epochLines == [
                "epoch 1  loss 2.5000  acc 10.00%  val_loss 1.2500  val_acc 50.00%",
                "epoch 2  loss 1.2500  acc 55.00%  val_loss 0.8333  val_acc 60.00%",
            ])
        // The kernel histogram: the layer, its size, mean and max |w| of the last epoch.
        #expect(state.layers.map(\.summary.name) == ["dense"])
        #expect(state.layers.first?.summary.parameterCount == 5)
        #expect(state.layers.first?.maxAbsGradient == 1)
        #expect(state.layers.first?.history.count == 2)
        #expect(state.watched?.layerFigure == .weights)
        #expect(state.learningRate == 0.001)
        #expect(state.watched?.scalarTags == ["epoch_learning_rate"])
    }

    /// Many long logs (a runs directory of recorded runs, megabytes each) are read a budget per
    /// frame, not one batch of every file before the first frame: the dashboard shows, and q
    /// answers, while the others are still read, each in turn.
    @Test func theFirstFrameDoesNotWaitForEveryFile() throws {
        let scratch = try ScratchDirectory()
        for run in ["a", "b", "c"] {
            try scratch.write(WatchedLogs.pytorch(steps: 0..<3), to: "logs/\(run)/events.out.tfevents.1.host")
        }
        // A slow disk: every look at the clock finds the budget spent.
        let clock = Clock()
        let session = try WatchSession(paths: [scratch.path + "/logs"]) {
            clock.now += 1
            return clock.now
        }
        func read() -> [String] { ["a", "b", "c"].filter { session.model.runs[$0]?.losses.steps == [0, 1, 2] } }
        #expect(read() == ["a"])
        session.pump()
        #expect(read() == ["a", "b"])
        session.pump()
        #expect(read() == ["a", "b", "c"])
    }

    @Test func appendedValuesShowAtTheNextPollAndANewRunJoinsTheOverlay() throws {
        let scratch = try ScratchDirectory()
        let clock = Clock()
        try scratch.write(WatchedLogs.pytorch(steps: 0..<3), to: "logs/a/events.out.tfevents.1.host")
        let session = try WatchSession(paths: [scratch.path + "/logs"], clock: clock.read)
        #expect(session.model.runs["a"]?.losses.steps == [0, 1, 2])
        try scratch.append(WatchedLogs.pytorch(steps: 3..<5), to: "logs/a/events.out.tfevents.1.host")
        clock.now = 0.1
        #expect(!session.pump(), "read again only after the poll interval")
        clock.now = WatchSession.pollInterval + 0.01
        #expect(session.pump())
        #expect(session.model.runs["a"]?.losses.steps == [0, 1, 2, 3, 4])
        #expect(session.model.comparison == nil)

        try scratch.write(WatchedLogs.pytorch(steps: 0..<2), to: "logs/b/events.out.tfevents.2.host")
        clock.now = WatchSession.discoveryInterval + 0.5
        #expect(session.pump())
        #expect(session.model.entries.map(\.identifier) == ["a", "b"])
        #expect(session.model.comparison?.members.map(\.label) == ["a", "b"])
        #expect(session.model.runs["b"]?.losses.values == [0, 1].map { WatchedLogs.loss(step: $0) })
        #expect(session.model.current == "a")
    }

    @Test func gradientHistogramsTakeOverTheLayerTableAndImagesFillTheDigitsPanel() throws {
        let scratch = try ScratchDirectory()
        let limits = [-1.0, 0, 1, 4]
        let records = [
            TFEventsFixture.fileVersion(),
            TFEventsFixture.event(
                step: 9,
                values: [
                    TFEventsFixture.histogram("fc1.weight", of: [0.5, -0.5], limits: limits),
                    TFEventsFixture.histogram("fc1.bias", of: [0.1], limits: limits),
                    WatchedLogs.image("inputs", level: 255), WatchedLogs.image("inputs", level: 0),
                    WatchedLogs.image("outputs", level: 9),
                ]),
            TFEventsFixture.event(
                step: 19,
                values: [
                    TFEventsFixture.histogram("fc1.weight.grad", of: [3, -1], limits: limits),
                    TFEventsFixture.histogram("fc1.bias.grad", of: [0.25], limits: limits),
                    WatchedLogs.image("inputs", level: 51),
                ]),
        ]
        try scratch.write(TFEventsFixture.file(records), to: "run/events.out.tfevents.1.host")
        let session = try WatchSession(paths: [scratch.path + "/run"], clock: Clock().read)
        let state = try #require(session.model.runs["run"])
        #expect(state.watched?.layerFigure == .gradients)
        let row = try #require(state.layers.first)
        #expect(state.layers.count == 1)
        #expect(row.summary.name == "fc1")
        #expect(row.summary.parameterCount == 3)
        #expect(row.maxAbsGradient == 3, "the kernel's gradient stands for the layer")
        #expect(row.history.count == 1, "the weight readings gave way to the gradients")
        // The newest step's images of the first tag.
        let samples = try #require(state.samples)
        #expect(samples.inputs == [[Float](repeating: 0.2, count: 16)])
        #expect(state.watched?.imageTag == "inputs")
        #expect(state.watched?.imageStep == 19)
    }

    @Test func aFileDeletedWhileWatchedIsDroppedWithANoticeAndTakenUpWhenItComesBack() throws {
        let scratch = try ScratchDirectory()
        let clock = Clock()
        let path = try scratch.write(WatchedLogs.pytorch(steps: 0..<2), to: "logs/a/events.out.tfevents.1.host")
        let session = try WatchSession(paths: [scratch.path + "/logs"], clock: clock.read)
        try FileManager.default.removeItem(atPath: path)
        clock.now = 0.3
        #expect(session.pump())
        #expect(session.files.isEmpty)
        #expect(session.model.notice?.contains("no longer followed") == true)
        try scratch.write(WatchedLogs.pytorch(steps: 5..<7), to: "logs/a/events.out.tfevents.1.host")
        clock.now = 1.5
        #expect(session.pump())
        #expect(session.files.count == 1)
        #expect(session.model.runs["a"]?.losses.steps == [0, 1, 5, 6])
    }

    @Test func aFileThatShrankStartsItsRunOverFromAllItsFiles() throws {
        let scratch = try ScratchDirectory()
        let clock = Clock()
        let log = WatchedLogs.keras(epochs: 3)
        try scratch.write(log.train, to: "logs/mlp/train/events.out.tfevents.1.host.v2")
        try scratch.write(log.validation, to: "logs/mlp/validation/events.out.tfevents.2.host.v2")
        let session = try WatchSession(paths: [scratch.path + "/logs"], clock: clock.read)
        #expect(session.model.runs["mlp"]?.epochs.count == 3)
        // The writer starts over: a shorter train file, one epoch in.
        try scratch.write(WatchedLogs.keras(epochs: 1).train, to: "logs/mlp/train/events.out.tfevents.1.host.v2")
        clock.now = 0.3
        #expect(session.pump())
        clock.now = 0.6
        session.pump()
        let state = try #require(session.model.runs["mlp"])
        #expect(state.losses.steps == [1, 2, 3])
        #expect(state.epochs.map(\.epoch) == [0, 1, 2], "the validation file, read again, still has its three epochs")
        #expect(state.epochs.first?.loss == WatchedLogs.loss(step: 0))
        #expect(state.journal.contains { $0.contains("read again from its start") })
    }

    @Test func aPathThatHoldsNothingIsAClearError() throws {
        let scratch = try ScratchDirectory()
        #expect(throws: RunLogError.missing(path: scratch.path + "/nowhere")) {
            try WatchSession(paths: [scratch.path + "/nowhere"])
        }
    }

    @Test func keysAreThoseOfAViewAndVListsTheOtherScalarsToChart() throws {
        let scratch = try ScratchDirectory()
        let log = WatchedLogs.keras(epochs: 1)
        try scratch.write(log.train, to: "logs/mlp/train/events.out.tfevents.1.host.v2")
        try scratch.write(WatchedLogs.pytorch(steps: 0..<2), to: "logs/torch/events.out.tfevents.2.host")
        let session = try WatchSession(paths: [scratch.path + "/logs"], clock: Clock().read)
        #expect(session.press(.character(" ")))
        #expect(session.model.notice == "watch shows runs another program writes: they cannot be changed")
        session.press(.character("v"))
        #expect(session.model.scalarListSelection == 0)
        #expect(session.model.scalarListEntries == ["accuracy", "epoch_learning_rate"])
        session.press(.down)
        session.press(.down)
        #expect(session.model.scalarListSelection == 1, "the list stops at its end")
        var buffer = ScreenBuffer(width: 80, height: 24)
        session.model.render(into: &buffer, theme: Theme(palette: .ansi8, unicode: true))
        Snapshot.check(buffer, named: "watch-scalar-list-80x24")
        session.press(.enter)
        #expect(session.model.scalarListSelection == nil)
        #expect(session.model.runs["mlp"]?.watched?.chartedScalar == "epoch_learning_rate")
        #expect(session.model.notice == "lower chart: epoch_learning_rate")
        session.press(.character("v"))
        #expect(session.model.scalarListSelection == 1, "the list opens on the charted scalar")
        session.press(.up)
        session.press(.enter)
        #expect(session.model.runs["mlp"]?.watched?.chartedScalar == nil)
        session.press(.tab)
        #expect(session.model.current == "torch")
        session.press(.character("v"))
        #expect(session.model.scalarListSelection == nil)
        #expect(session.model.notice == "no other scalars in torch yet")
        session.press(.character("c"))
        #expect(session.model.isPickerOpen)
        session.press(.enter)
        #expect(session.model.current == "torch")
        #expect(!session.press(.character("q")))
    }

    @Test func twoRunsAt120x40() throws {
        let scratch = try ScratchDirectory()
        let log = WatchedLogs.keras(epochs: 3)
        try scratch.write(log.train, to: "logs/keras-run/train/events.out.tfevents.1.host.v2")
        try scratch.write(log.validation, to: "logs/keras-run/validation/events.out.tfevents.2.host.v2")
        try scratch.write(WatchedLogs.pytorch(steps: 0..<12), to: "logs/torch-run/events.out.tfevents.3.host")
        let session = try WatchSession(paths: [scratch.path + "/logs"], clock: Clock().read)
        var buffer = ScreenBuffer(width: 120, height: 40)
        session.model.render(into: &buffer, theme: Theme(palette: .ansi256, unicode: true))
        Snapshot.check(buffer, named: "watch-two-runs-120x40")
    }
}
