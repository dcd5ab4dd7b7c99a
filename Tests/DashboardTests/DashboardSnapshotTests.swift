import Dashboard
import NeuroEngine
import Testing
import Training

/// Whole screens rendered from recorded event sequences, compared with `Snapshots/*.txt`.
struct DashboardSnapshotTests {
    static let entries = [
        ConfigEntry(identifier: "mlp-tanh-2", name: "Tanh 100-100-10", group: "MLP"),
        ConfigEntry(identifier: "mlp-relu-1", name: "ReLU 100-10", group: "MLP"),
        ConfigEntry(identifier: "cnn-mp", name: "Conv-BN-ReLU-MP-10", group: "CNN"),
        ConfigEntry(identifier: "ae-pretrain", name: "Autoencoder pre-training", group: "autoencoder"),
    ]

    static func model(_ events: [TrainingEvent], current identifier: String = "mlp-tanh-2") -> DashboardModel {
        var model = DashboardModel(entries: entries, current: identifier)
        for event in events { model.apply(event, to: identifier) }
        return model
    }

    static func screen(_ model: DashboardModel, _ width: Int, _ height: Int, _ theme: Theme) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        model.render(into: &buffer, theme: theme)
        return buffer
    }

    static let color256 = Theme(palette: .ansi256, unicode: true)
    static let color8 = Theme(palette: .ansi8, unicode: true)
    static let ascii = Theme(palette: .monochrome, unicode: false)

    @Test func runningMLPAt80x24() {
        Snapshot.check(Self.screen(Self.model(RecordedRuns.mlp()), 80, 24, Self.color8), named: "mlp-running-80x24")
    }

    @Test func runningMLPAt120x40() {
        Snapshot.check(Self.screen(Self.model(RecordedRuns.mlp()), 120, 40, Self.color256), named: "mlp-running-120x40")
    }

    @Test func asciiMonochromeAt80x24() {
        Snapshot.check(Self.screen(Self.model(RecordedRuns.mlp()), 80, 24, Self.ascii), named: "mlp-ascii-80x24")
    }

    @Test func frozenLayerWhilePausedAt120x40() {
        var layers = RecordedRuns.mlpLayers
        layers[0].trainable = false
        layers[0].trainableParameterCount = 0
        var model = Self.model(
            RecordedRuns.mlp(steps: 1_000) + [
                .layersChanged(layers), .log("dense frozen at step 1000"), .stateChanged(.paused),
            ])
        model.perform(.selectLayer(0))
        Snapshot.check(Self.screen(model, 120, 40, Self.color8), named: "mlp-frozen-paused-120x40")
    }

    @Test func finishedRunAt80x24() {
        let events =
            RecordedRuns.mlp(steps: 4_690) + [
                .finished(
                    FinalResult(
                        testLoss: 0.0812, testAccuracy: 0.9751, epochs: 5, trainSamplesPerSecond: 41_250, seconds: 8.1)),
                .stateChanged(.finished),
            ]
        Snapshot.check(Self.screen(Self.model(events), 80, 24, Self.color8), named: "mlp-finished-80x24")
    }

    /// A diverged run stays on screen, the status line saying what broke and which keys go on.
    @Test func failedRunAt80x24() {
        let events =
            RecordedRuns.mlp(steps: 1_500) + [
                .failed(
                    "the loss became NaN at epoch 2 step 563 (learning rate 1e+30); the weights diverged: lower the learning rate"
                ), .stateChanged(.failed),
            ]
        Snapshot.check(Self.screen(Self.model(events), 80, 24, Self.color8), named: "mlp-failed-80x24")
    }

    @Test func cnnWithWeightlessLayersAt80x24() {
        var model = Self.model(RecordedRuns.cnn(), current: "cnn-mp")
        model.perform(.selectLayer(3))
        Snapshot.check(Self.screen(model, 80, 24, Self.color8), named: "cnn-80x24")
    }

    @Test func autoencoderReconstructionsAt120x40() {
        Snapshot.check(
            Self.screen(Self.model(RecordedRuns.autoencoder(), current: "ae-pretrain"), 120, 40, Self.color8),
            named: "autoencoder-120x40")
    }

    @Test func denoisingShowsCleanCorruptedAndReconstructedAt120x40() {
        var model = Self.model(RecordedRuns.denoising(), current: "ae-denoise")
        model.perform(.selectLayer(1))
        let screen = Self.screen(model, 120, 40, Self.color8)
        Snapshot.check(screen, named: "denoising-120x40")
        let text = screen.plainText
        #expect(text.contains("stage 2/5 pre-train 2/4"))
        #expect(text.contains("clean | corrupted | reconstruction"))
        #expect(text.contains("clean") && text.contains("noisy") && text.contains("out"))
    }

    @Test func configPickerAt120x40() {
        var model = Self.model(RecordedRuns.mlp())
        model.apply(
            .stageStarted(RecordedRuns.stage(layers: RecordedRuns.cnnLayers, epochs: 5, reportsAccuracy: true)),
            to: "cnn-mp")
        model.apply(.stateChanged(.paused), to: "cnn-mp")
        model.perform(.openPicker)
        model.perform(.movePicker(2))
        Snapshot.check(Self.screen(model, 120, 40, Self.color256), named: "picker-120x40")
    }

    @Test func helpOverlayAt80x24() {
        var model = Self.model(RecordedRuns.mlp(steps: 200))
        model.perform(.toggleHelp)
        Snapshot.check(Self.screen(model, 80, 24, Self.color8), named: "help-80x24")
    }

    /// Without Unicode the arrows are spelled out ("up/dn"): the key column still shows every
    /// key whole, not "up/dn  j~".
    @Test func asciiHelpShowsEveryKeyWhole() {
        var model = Self.model(RecordedRuns.mlp(steps: 200))
        model.perform(.toggleHelp)
        let text = Self.screen(model, 80, 24, Self.ascii).plainText
        #expect(text.contains("up/dn  j k "))
        #expect(text.contains("select a layer"))
    }

    /// `g`: the digits learned and forgotten at the last validation, and the counts per epoch.
    @Test func flipsPanelAt80x24() {
        var model = Self.model(RecordedRuns.mlpWithFlips(steps: 2_814))
        model.perform(.toggleFlips)
        Snapshot.check(Self.screen(model, 80, 24, Self.color8), named: "flips-80x24")
    }

    /// Five epochs of counts leave the digits less room: learned and forgotten get a smaller row each.
    @Test func flipsPanelAt120x40() {
        var model = Self.model(RecordedRuns.mlpWithFlips(steps: 4_690))
        model.perform(.toggleFlips)
        Snapshot.check(Self.screen(model, 120, 40, Self.color256), named: "flips-120x40")
    }

    @Test func startingScreenAt80x24() {
        Snapshot.check(Self.screen(Self.model([]), 80, 24, Self.color8), named: "starting-80x24")
    }

    @Test func tooSmallTerminalShowsResizeMessage() {
        let screen = Self.screen(Self.model(RecordedRuns.mlp()), 70, 20, Self.color256)
        Snapshot.check(screen, named: "too-small-70x20")
        #expect(screen.plainText.contains("needs at least 80x24"))
    }

    @Test func digitsUseTheGreyRampIn256Colours() {
        let screen = Self.screen(Self.model(RecordedRuns.mlp()), 120, 40, Self.color256)
        let greys = screen.cells.filter { $0.scalar == "▀" }.flatMap { [$0.style.foreground, $0.style.background] }
        #expect(greys.allSatisfy { $0 == 16 || $0 == 231 || (232...255).contains($0) })
        #expect(greys.contains(16) && greys.contains { $0 > 232 })
    }
}

/// The drawing canvas over a running MLP, with a stroke and the model's bars.
extension DashboardSnapshotTests {
    static func drawing() -> DashboardModel {
        var model = Self.model(RecordedRuns.mlp())
        model.perform(.toggleCanvas)
        model.perform(.moveCanvasCursor(rows: -8, columns: 0))
        for _ in 0..<16 {
            model.perform(.paintCanvas)
            model.perform(.moveCanvasCursor(rows: 1, columns: 0))
        }
        model.setCanvasReading(.probabilities([0.01, 0.82, 0.03, 0.02, 0.04, 0.01, 0.01, 0.03, 0.02, 0.01]))
        return model
    }

    @Test func canvasAt80x24() {
        Snapshot.check(Self.screen(Self.drawing(), 80, 24, Self.color8), named: "canvas-80x24")
    }

    @Test func canvasAt120x40() {
        Snapshot.check(Self.screen(Self.drawing(), 120, 40, Self.color256), named: "canvas-120x40")
    }
}
