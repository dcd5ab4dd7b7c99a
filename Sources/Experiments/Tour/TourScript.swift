/// The text of the guided tour in one language, as a translator writes it (`configs/tour/<lang>.yaml`).
///
/// Every language file has the same steps in the same order, with the same configs, measures,
/// panels and keys; only the words differ. The texts may hold placeholders (`{article}`, `{you}`,
/// `{key}`) that the tour fills in when it shows them.
public struct TourScript: Decodable, Sendable, Equatable {
    /// The language code (`en`, `th`), the file's stem.
    public var language: String
    /// The tour's title.
    public var name: String
    public var labels: Labels
    public var steps: [Step]

    /// Words the tour puts around the steps' texts.
    public struct Labels: Decodable, Sendable, Equatable {
        /// The article's figure beside the measured one, with `{article}` and `{you}`.
        public var figure: String
        /// Before what a step asks to look at.
        public var look: String
        /// Before the key a step suggests.
        public var `try`: String
        /// In place of a figure that is still being measured.
        public var pending: String
        /// The tour's own keys, one line.
        public var keys: String
        /// Before a step's number.
        public var step: String
    }

    /// One experiment of the tour.
    public struct Step: Decodable, Sendable, Equatable {
        public var id: String
        /// The bundled config the step trains.
        public var config: String
        /// The part of the article (and of REFERENCE's experiments) the step belongs to.
        public var section: Section
        /// What the step measures to set beside the article's figure.
        public var measure: Measure
        /// The article's figure, as the article gives it.
        public var article: String
        /// The panel the step asks the reader to look at.
        public var panel: Panel
        /// The key the step suggests trying, as the help names it.
        public var key: String
        public var title: String
        public var text: String
        /// What to look at on screen.
        public var look: String
        /// What the suggested key does, with `{key}`.
        public var `try`: String

        /// The texts a translator writes, by field name, for comparing languages.
        public var texts: [String: String] {
            ["title": title, "text": text, "look": look, "try": `try`, "article": article]
        }
    }

    /// The parts of the article the tour walks through, in its order.
    public enum Section: String, Decodable, Sendable, CaseIterable {
        /// The data and the training set-up every experiment shares.
        case setup
        /// Depth against activation, with and without BatchNorm.
        case depth
        /// A frozen first layer as a random projection.
        case freezing
        case cnn
        /// The mean gradient of each layer's kernel.
        case gradients
        /// Greedy autoencoder pre-training, plain and denoising.
        case pretraining
    }

    /// What a step measures.
    public enum Measure: String, Decodable, Sendable, CaseIterable {
        /// The test accuracy at the end of the run.
        case testAccuracy = "test_accuracy"
        /// Mean |dL/dW| of the lowest kernel of the freshly initialised model.
        case firstKernelGradient = "first_kernel_gradient"
        /// Mean |dL/dW| of the lowest and of the output kernel of the freshly initialised model.
        case gradientFirstOutput = "gradient_first_output"
    }

    /// The dashboard panels a step can point at.
    public enum Panel: String, Decodable, Sendable, CaseIterable {
        case header, charts, digits, layers, journal
    }
}

extension String {
    /// The `{name}` placeholders in the text, in order of appearance.
    public var tourPlaceholders: [String] {
        var names: [String] = []
        var rest = self[...]
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            names.append(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// The text with each `{name}` replaced by its value (unknown names are left as they are).
    public func fillingTourPlaceholders(_ values: [String: String]) -> String {
        var text = self
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}
