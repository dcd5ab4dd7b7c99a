import Dashboard
import Foundation
import NeuroEngine
import Testing

@testable import Training

/// The guided tour in the dashboard: its side panel in Thai, its keys, its layout and figures.
struct TourTests {
    static func model(at index: Int = 0, events: [TrainingEvent] = RecordedRuns.mlp()) -> DashboardModel {
        var model = DashboardSnapshotTests.model(events)
        model.startTour(TourFixtures.thaiGuide(at: index))
        return model
    }

    @Test func thaiStepAt80x24() {
        let screen = DashboardSnapshotTests.screen(Self.model(at: 0), 80, 24, DashboardSnapshotTests.color8)
        Snapshot.check(screen, named: "tour-thai-80x24")
        Self.expectWholeCells(screen)
    }

    @Test func thaiStepAt120x40() {
        let screen = DashboardSnapshotTests.screen(Self.model(at: 1), 120, 40, DashboardSnapshotTests.color256)
        Snapshot.check(screen, named: "tour-thai-120x40")
        Self.expectWholeCells(screen)
    }

    /// Every row fits the screen, and every mark sits on a drawn character.
    static func expectWholeCells(_ screen: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<screen.height {
            #expect(screen.line(y).displayWidth <= screen.width, "row \(y)", sourceLocation: sourceLocation)
            for x in 0..<screen.width where !screen[x, y].marks.isEmpty {
                #expect(screen[x, y].scalar != " ", "a mark on a blank at \(x),\(y)", sourceLocation: sourceLocation)
            }
        }
        #expect(screen.plainText.unicodeScalars.contains("\u{0E48}"), "Thai tone marks are drawn")
        #expect(!screen.plainText.unicodeScalars.contains("\u{200B}"), "zero-width spaces are not drawn")
    }

    @Test func thePanelOfTheStepIsHighlighted() {
        let model = Self.model(at: 0)
        var screen = ScreenBuffer(width: 120, height: 40)
        model.render(into: &screen, theme: DashboardSnapshotTests.color256)
        let layout = TourLayout(bounds: screen.bounds, layerCount: model.state.layers.count, focus: .layers)
        let highlight = DashboardSnapshotTests.color256.key.foreground
        #expect(screen[layout.dashboard.layers.x, layout.dashboard.layers.y].style.foreground == highlight)
        #expect(screen[layout.dashboard.charts.x, layout.dashboard.charts.y].style.foreground != highlight)
    }

    // MARK: - Keys

    @Test func arrowsMoveBetweenStepsAndXLeavesTheTour() {
        let model = Self.model(at: 0)
        #expect(model.handle(.right) == [.tourStep(1)])
        #expect(model.handle(.character("]")) == [.tourStep(1)])
        #expect(model.handle(.left) == [.tourStep(-1)])
        #expect(model.handle(.character("x")) == [.leaveTour])
        // The run's keys work as in the plain dashboard: r restarts the step's run.
        #expect(model.handle(.character("r")) == [.restart])
        #expect(model.handle(.character("q")) == [.quit])
        #expect(DashboardSnapshotTests.model(RecordedRuns.mlp()).handle(.right) == [])
    }

    @Test func stepsStayWithinTheTourAndLeavingKeepsTheRun() {
        var model = Self.model(at: 0)
        model.perform(.tourStep(-1))
        #expect(model.tour?.index == 0)
        model.perform(.tourStep(5))
        #expect(model.tour?.index == 1)
        let run = model.state.globalStep
        model.perform(.leaveTour)
        #expect(model.tour == nil)
        #expect(model.current == "mlp-tanh-2")
        #expect(model.state.globalStep == run)
        #expect(model.notice?.contains("left the tour") == true)
    }

    @Test func theFigureIsTheStepsRunEvenWithAnotherConfigOnScreen() {
        var model = Self.model(at: 0)
        model.perform(.switchConfig("mlp-relu-1"))
        var screen = ScreenBuffer(width: 120, height: 40)
        model.render(into: &screen, theme: DashboardSnapshotTests.color256)
        #expect(screen.plainText.contains("94.35% (1/5)"), "the validation accuracy of mlp-tanh-2, the step's run")
    }

    // MARK: - Layout and figures

    @Test func at80ColumnsThePanelTakesTheDigitsRoomUnlessTheStepLooksAtThem() {
        let bounds = Rect(x: 0, y: 0, width: 80, height: 24)
        let layout = TourLayout(bounds: bounds, layerCount: 3, focus: .charts)
        #expect(layout.panel == Rect(x: 46, y: 2, width: 34, height: 21))
        #expect(layout.dashboard.charts.width == 46)
        #expect(layout.dashboard.digits.isEmpty)
        #expect(layout.dashboard.header.width == 80 && layout.dashboard.status.width == 80)
        let digits = TourLayout(bounds: bounds, layerCount: 3, focus: .digits)
        #expect(digits.dashboard.digits.width == 46 && digits.dashboard.charts.isEmpty)
        let wide = TourLayout(bounds: Rect(x: 0, y: 0, width: 120, height: 40), layerCount: 3, focus: .charts)
        #expect(wide.panel.width == 40)
        #expect(wide.dashboard.charts.width + wide.dashboard.digits.width == 80)
        #expect(!wide.dashboard.digits.isEmpty)
    }

    @Test func youShowsPendingThenTheLastValidationThenTheTestAccuracy() {
        var guide = TourFixtures.thaiGuide()
        let step = guide.current
        var run = DashboardState()
        #expect(guide.figure(for: step, run: run) == "กำลัง\u{200B}ฝึก...")
        run.apply(
            .epochEnded(
                EpochSummary(
                    epoch: 1, epochs: 5, stepsPerEpoch: 938, loss: 0.1, accuracy: 0.96, validationLoss: 0.12,
                    validationAccuracy: 0.9612, seconds: 1, samplesPerSecond: 6e4)))
        #expect(guide.figure(for: step, run: run) == "96.12% (2/5)")
        run.apply(
            .finished(
                FinalResult(testLoss: 0.08, testAccuracy: 0.97281, epochs: 5, trainSamplesPerSecond: 6e4, seconds: 5)))
        #expect(guide.figure(for: step, run: run) == "97.28%")
        var gradientStep = step
        gradientStep.measure = .firstKernelGradient
        #expect(guide.needsMeasurement(gradientStep))
        guide.record("0.0053", for: gradientStep.id)
        #expect(!guide.needsMeasurement(gradientStep))
        #expect(guide.figure(for: gradientStep, run: run) == "0.0053")
    }

    @Test func gradientFiguresReadLikeTheArticle() {
        func row(_ value: Float) -> KernelGradient {
            KernelGradient(layerIndex: 0, layerName: "d", layerKind: "Dense", kernelShape: [1], meanAbsGradient: value)
        }
        #expect(TourFigure.gradient([row(0.00531), row(0.029)], measure: .firstKernelGradient) == "0.0053")
        #expect(
            TourFigure.gradient([row(0.0031), row(0.0196)], measure: .gradientFirstOutput)
                == "0.0031\u{00A0}≪\u{00A0}0.0196")
        #expect(
            TourFigure.gradient([row(0.0108), row(0.0021)], measure: .gradientFirstOutput)
                == "0.0108\u{00A0}≫\u{00A0}0.0021")
        #expect(
            TourFigure.gradient([row(0.004), row(0.005)], measure: .gradientFirstOutput)
                == "0.0040\u{00A0}<\u{00A0}0.0050")
        #expect(TourFigure.gradient([], measure: .firstKernelGradient) == nil)
        let figure = TourFigure.gradient([row(0.0031), row(0.0196)], measure: .gradientFirstOutput) ?? ""
        #expect(("you: " + figure).wrapped(toColumns: 16) == ["you:", figure], "the pair wraps as one word")
    }
}

/// The help overlay during a tour lists the tour's own keys.
@Test func theHelpDuringATourListsTheTourKeys() {
    var model = TourTests.model(at: 0)
    model.perform(.toggleHelp)
    let text = DashboardSnapshotTests.screen(model, 120, 40, DashboardSnapshotTests.color256).plainText
    #expect(text.contains("next step of the tour"))
    #expect(text.contains("previous step"))
    #expect(text.contains("leave the tour; the run goes on in the dashboard"))
    #expect(text.contains("freeze / unfreeze the selected layer"))
}

/// On a narrow screen the tour gives the charts' row to one panel: `g` makes it the flipped digits.
@Test func gDuringANarrowTourShowsTheFlippedDigits() {
    var model = TourTests.model(at: 0, events: RecordedRuns.mlpWithFlips(steps: 1_900))
    #expect(!DashboardSnapshotTests.screen(model, 80, 24, DashboardSnapshotTests.color8).plainText.contains("learned"))
    model.perform(.toggleFlips)
    let text = DashboardSnapshotTests.screen(model, 80, 24, DashboardSnapshotTests.color8).plainText
    #expect(text.contains("learned"))
    #expect(text.contains("forgotten"))
}
