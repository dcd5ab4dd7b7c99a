import Training

/// A run forked on screen (`f`): the original branch is the config on screen, the twin trains
/// beside it in lockstep from the same state, and what was done to the twin alone is the only
/// difference between them.
public struct ForkView: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        /// Forked; the next change (freeze, learning rate, reset...) goes to the twin alone.
        case choosing
        /// Both branches train; keys act on both.
        case running
        /// `F` asked which branch to keep.
        case keeping
    }

    /// Where the branches part: what was done to the twin.
    public enum Change: Sendable, Equatable {
        case toggleFreeze(layer: Int)
        case scaleLearningRate(Float)
        case resetLayer(layer: Int)
        /// SGD with momentum (Keras's learning rate default, 0.01) in place of the config's optimizer.
        case useSGD
    }

    /// The optimizer `o` switches branch B to.
    public static let sgdLearningRate: Float = 0.01
    public static let sgdMomentum: Float = 0.9

    /// The key of the original branch's state in `DashboardModel.runs` (the config on screen).
    public var original: String
    public var phase: Phase = .choosing
    /// Where the branches parted: the stage, the epoch under way (0-based) and the step.
    public var stage: Int
    public var epoch: Int
    public var globalStep: Int
    /// What was done to the twin, said in a few words ("dense frozen"); nil while choosing.
    public var change: String?

    public init(original: String, stage: Int, epoch: Int, globalStep: Int) {
        self.original = original
        self.stage = stage
        self.epoch = epoch
        self.globalStep = globalStep
    }

    /// The key of the twin's state in `DashboardModel.runs`.
    public var twin: String { original + " (fork)" }

    /// The legend's names of the two branches.
    public var originalLabel: String { "A original" }
    public var twinLabel: String { "B " + (change ?? "unchanged") }
}

/// The two branches of a fork on screen, for the widgets that show them side by side.
struct ForkBranches {
    let original: DashboardState
    let twin: DashboardState
    let fork: ForkView
}
