/// One step of the guided tour as the dashboard shows it: a config to train, a short text in
/// the reader's language, the panel to look at, a key to try, and the article's figure to set
/// beside the one measured.
public struct TourStep: Sendable, Equatable {
    /// What the step measures.
    public enum Measure: Sendable, Equatable {
        /// The test accuracy at the end of the run.
        case testAccuracy
        /// Mean |dL/dW| of the lowest kernel of the freshly initialised model.
        case firstKernelGradient
        /// Mean |dL/dW| of the lowest and the output kernel of the freshly initialised model.
        case gradientFirstOutput
    }

    /// The dashboard panels a step can point at.
    public enum Panel: Sendable, Equatable, CaseIterable {
        case header, charts, digits, layers, journal
    }

    public var id: String
    /// The config identifier the step trains.
    public var config: String
    public var title: String
    public var text: String
    /// What to look at on screen.
    public var look: String
    /// What the suggested key does, its name already in the text.
    public var suggestion: String
    /// The article's figure.
    public var article: String
    public var measure: Measure
    public var panel: Panel
    /// The suggested key, as the help names it.
    public var key: String

    public init(
        id: String, config: String, title: String, text: String, look: String, suggestion: String, article: String,
        measure: Measure, panel: Panel, key: String
    ) {
        self.id = id
        self.config = config
        self.title = title
        self.text = text
        self.look = look
        self.suggestion = suggestion
        self.article = article
        self.measure = measure
        self.panel = panel
        self.key = key
    }
}

/// The words the tour puts around its steps, in the reader's language.
public struct TourLabels: Sendable, Equatable {
    /// The tour's title.
    public var name: String
    /// The article's figure beside the measured one, with `{article}` and `{you}`.
    public var figure: String
    public var look: String
    public var suggestion: String
    /// In place of a figure still being measured.
    public var pending: String
    /// The tour's own keys, one line.
    public var keys: String
    /// Before a step's number.
    public var step: String

    public init(
        name: String, figure: String, look: String, suggestion: String, pending: String, keys: String, step: String
    ) {
        self.name = name
        self.figure = figure
        self.look = look
        self.suggestion = suggestion
        self.pending = pending
        self.keys = keys
        self.step = step
    }

    /// The figure line: the article's figure and the measured one put into `figure`.
    public func figureLine(article: String, you: String) -> String {
        figure.replacingOccurrences(of: "{article}", with: article).replacingOccurrences(of: "{you}", with: you)
    }
}
