import Dashboard
import Experiments
import Foundation
import NeuroEngine
import Training

/// The tour headless: each step's text, its config trained with Keras-style progress lines,
/// then the article's figure beside the measured one.
struct PlainTour {
    let labels: TourLabels
    /// How many steps the whole tour has, for "step 3/13".
    let total: Int
    let options: RunOptions
    let record: RecordOptions
    let catalog: ConfigCatalog

    /// The width the text is wrapped to: `$COLUMNS` when it is set to a sensible value, else 80.
    static func textWidth(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        guard let columns = environment["COLUMNS"].flatMap(Int.init), columns >= 20 else { return 80 }
        return min(columns, 200)
    }

    func run(_ steps: [TourStep], numberedFrom number: Int) throws {
        let loader = PlanLoader(data: options.data)
        let width = Self.textWidth()
        for (offset, step) in steps.enumerated() {
            if offset > 0 { writeOut("\n") }
            try run(step, number: number + offset, loader: loader, width: width)
        }
    }

    private func run(_ step: TourStep, number: Int, loader: PlanLoader, width: Int) throws {
        let heading = "\(labels.step) \(number)/\(total): \(step.title) (\(step.config))"
        let text = [heading, String(repeating: "=", count: min(heading.displayWidth, width)), step.text]
        writeOut(text.flatMap { $0.wrapped(toColumns: width) }.joined(separator: "\n") + "\n\n")
        let (config, plan) = try reportingErrors {
            try loader.configAndPlan(step.config, options: options, catalog: catalog)
        }
        var gradients: [KernelGradient] = []
        if step.measure != .testAccuracy, let stage = plan.stages.last {
            // The fresh model, before the trainer touches it: the article's gradient study.
            gradients = GradientStudy.measure(
                stage.model, loss: stage.loss, data: plan.data, samples: GradientStudy.defaultSampleCount)
            writeOut(GradientTableFormatter.table(gradients) + "\n\n")
        }
        let (trainer, recorder) = Recording.headlessTrainer(record, plan: plan, config: config, options: options)
        let result = try Recording.runToEnd(
            trainer, recorder: recorder, reporter: ProgressReporter(),
            failurePrefix: "tour step \(step.id) (\(step.config)): ")
        let measured: String?
        switch step.measure {
        case .testAccuracy: measured = result.testAccuracy.map(TourFigure.accuracy)
        case .firstKernelGradient, .gradientFirstOutput:
            measured = TourFigure.gradient(gradients, measure: step.measure)
        }
        let line = labels.figureLine(article: step.article, you: measured ?? "-")
        writeOut(line.wrapped(toColumns: width).joined(separator: "\n") + "\n")
    }
}
