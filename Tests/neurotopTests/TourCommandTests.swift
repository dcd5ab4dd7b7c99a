import Foundation
import Testing
import Training

/// `neurotop tour --plain`, run in-process on the bundled MNIST with a few batches per epoch.
struct TourCommandTests {
    static let quick = ["--steps-per-epoch", "3", "--epochs", "1", "--no-record"]

    @Test func plainStepPrintsItsTextTrainsAndSetsTheArticleBesideTheResult() throws {
        let run = CommandRun(["tour", "--plain", "--lang", "en", "--step", "first-network"] + Self.quick)
        #expect(run.status == 0, "\(run.error)")
        let lines = run.outLines
        #expect(lines.first == "step 1/13: One hidden layer of tanh units (mlp-tanh-1)")
        #expect(run.out.contains("Each handwritten digit is a 28x28 grey image"))
        #expect(run.out.contains("Epoch 1/1"))
        // The measured figure is the run's own test accuracy, as the progress lines printed it.
        let accuracyLine = try #require(lines.first { $0.hasPrefix("Test accuracy: ") })
        let accuracy = try #require(Double(accuracyLine.dropFirst("Test accuracy: ".count)))
        #expect(lines.last == "article: 97.2% / you: \(String(format: "%.2f", accuracy * 100))%")
    }

    @Test func plainGradientStepGivesTheFreshModelsFirstKernelAsGradsDoes() throws {
        let run = CommandRun(["tour", "--plain", "--lang", "en", "--step", "gradients-mlp"] + Self.quick)
        #expect(run.status == 0, "\(run.error)")
        let grads = try CommandRun(["grads", "mlp-tanh-4", "--json"]).jsonObjects()
        let layers = try #require(grads.first?["layers"] as? [[String: Any]])
        let first = try #require(layers.first?["mean_abs_grad"] as? Double)
        #expect(run.outLines.last == "article: 0.0052 / you: \(String(format: "%.4f", first))")
        #expect(run.out.contains("dense (Dense)"), "the gradient table is printed")
    }

    @Test func plainThaiTextFitsEightyColumnsAndLeavesNoZeroWidthSpace() throws {
        let run = CommandRun(["tour", "--plain", "--lang", "th", "--step", "frozen"] + Self.quick)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.outLines.first?.hasPrefix("ขั้นที่ 5/13: ") == true)
        #expect(!run.out.unicodeScalars.contains("\u{200B}"))
        let text = run.outLines.prefix { !$0.isEmpty }
        #expect(text.count >= 4, "heading, rule and a wrapped paragraph")
        for line in text { #expect(line.displayWidth <= 80, "\(line)") }
        #expect(run.outLines.last?.hasPrefix("บทความ: ≈97% / คุณ: ") == true)
    }

    @Test func anUnknownStepIsRefusedWithTheStepsThereAre() {
        let run = CommandRun(["tour", "--plain", "--lang", "en", "--step", "nope"] + Self.quick)
        #expect(run.status == 1)
        #expect(run.out == "")
        #expect(run.error.contains("no tour step 'nope'; the steps are 1 to 13: first-network, relu,"))
    }

    @Test func anUnknownLanguageIsRefusedWithTheOnesThereAre() {
        let run = CommandRun(["tour", "--plain", "--lang", "fr"])
        #expect(run.status == 64)
        #expect(run.error.contains("'fr'"))
        #expect(run.error.contains("en") && run.error.contains("th"))
    }
}
