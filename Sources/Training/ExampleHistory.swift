/// Per test example, where it stands after the evaluations so far: never right, right at the
/// last one, or right once but wrong at the last one. It is what counting forgetting events
/// (Toneva et al., "An Empirical Study of Example Forgetting during Deep Neural Network
/// Learning", ICLR 2019) needs to remember between two validation passes, and it is small
/// enough (one byte an example) to travel in every checkpoint.
public struct ExampleHistory: Sendable, Equatable {
    public enum Standing: UInt8, Sendable {
        /// Wrong at every evaluation so far (before the first one, every example).
        case neverRight = 0
        /// Right at the last evaluation.
        case right = 1
        /// Wrong at the last evaluation, right at an earlier one.
        case forgotten = 2

        var wasEverRight: Bool { self != .neverRight }
    }

    /// What one evaluation changed.
    public struct Flips: Sendable, Equatable {
        /// Examples wrong at the previous evaluation (or never evaluated) and right at this one.
        public var learned: [Int]
        /// Examples right at the previous evaluation and wrong at this one.
        public var forgotten: [Int]
        /// Examples wrong at every evaluation so far, this one included.
        public var neverLearned: Int
    }

    public private(set) var standings: [Standing]

    /// A history of `count` examples none of which has been evaluated.
    public init(count: Int) {
        standings = Array(repeating: .neverRight, count: max(0, count))
    }

    /// A history read back from a checkpoint; nil when a value is not a standing.
    public init?(rawValues: [UInt8]) {
        var standings: [Standing] = []
        standings.reserveCapacity(rawValues.count)
        for value in rawValues {
            guard let standing = Standing(rawValue: value) else { return nil }
            standings.append(standing)
        }
        self.standings = standings
    }

    public var rawValues: [UInt8] { standings.map(\.rawValue) }

    public var count: Int { standings.count }

    /// Takes in one evaluation (`correct[i]`: example `i` was classified right) and returns
    /// what flipped since the previous one. The first evaluation compares with "wrong": an
    /// example right at once counts as learned, and nothing can be forgotten yet.
    public mutating func record(correct: [Bool]) -> Flips {
        precondition(correct.count == standings.count, "one verdict per example")
        var flips = Flips(learned: [], forgotten: [], neverLearned: 0)
        for (index, isRight) in correct.enumerated() {
            let before = standings[index]
            if isRight {
                if before != .right { flips.learned.append(index) }
                standings[index] = .right
            } else if before == .right {
                flips.forgotten.append(index)
                standings[index] = .forgotten
            } else if !before.wasEverRight {
                flips.neverLearned += 1
            }
        }
        return flips
    }
}
