/// Runs shown together (`neurotop compare`): their curves overlaid in the charts, one colour
/// each, and the selected one (the model's `current`) in the header and the layer table.
public struct Comparison: Sendable, Equatable {
    /// One run: a short label for the legend (its state is `DashboardModel.runs[label]`).
    public struct Member: Sendable, Equatable {
        public var label: String
        /// The run's final test accuracy, for the legend; nil when it did not finish.
        public var testAccuracy: Float?

        public init(label: String, testAccuracy: Float?) {
            self.label = label
            self.testAccuracy = testAccuracy
        }
    }

    /// In legend order (the order given on the command line).
    public var members: [Member]
    /// Draw the runs as their mean and min-max band instead of one line each (a seed set).
    public var drawsBand: Bool

    public init(members: [Member], drawsBand: Bool) {
        self.members = members
        self.drawsBand = drawsBand
    }
}

/// A run pinned with `b`, drawn dimmed behind the run on screen.
public struct Baseline: Sendable {
    public var label: String
    public var state: DashboardState

    public init(label: String, state: DashboardState) {
        self.label = label
        self.state = state
    }
}
