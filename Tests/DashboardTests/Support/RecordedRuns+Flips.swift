import Training

extension RecordedRuns {
    /// Learned, forgotten and never-learned counts per epoch, as a 10,000-digit test set gives them.
    static let flipCounts: [(learned: Int, forgotten: Int, never: Int)] = [
        (9_204, 0, 796), (512, 143, 402), (301, 188, 311), (240, 201, 265), (198, 176, 233),
    ]

    /// `mlp(steps:)` with the counts in each `epoch_end` and, after it, the flipped digits as
    /// the trainer posts them: learned ones of labels 7 2 1 0 4..., forgotten ones 9 5 6...
    static func mlpWithFlips(steps: Int = 1_900) -> [TrainingEvent] {
        mlp(steps: steps).flatMap { event -> [TrainingEvent] in
            guard case .epochEnded(var summary) = event, summary.epoch < flipCounts.count else { return [event] }
            let counts = flipCounts[summary.epoch]
            summary.learned = counts.learned
            summary.forgotten = counts.forgotten
            summary.neverLearned = counts.never
            return [.epochEnded(summary), .flips(flips(epoch: summary.epoch, counts: counts))]
        }
    }

    static func flips(epoch: Int, counts: (learned: Int, forgotten: Int, never: Int)) -> FlipSnapshot {
        let learnedLabels = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6]
        let forgottenLabels = [9, 5, 6, 8, 3, 2, 7, 4, 8, 3, 5, 9]
        func digits(_ labels: [Int], count: Int, first: Int, wrong: Bool) -> [FlipSnapshot.Digit] {
            labels.prefix(count).enumerated().map { offset, label in
                FlipSnapshot.Digit(
                    index: first + offset * 7, label: label, prediction: wrong ? (label + 5) % 10 : label,
                    image: SyntheticDigits.image(label))
            }
        }
        return FlipSnapshot(
            epoch: epoch, rows: 28, columns: 28,
            learned: digits(learnedLabels, count: min(12, counts.learned), first: 3, wrong: false),
            forgotten: digits(forgottenLabels, count: min(12, counts.forgotten), first: 5, wrong: true),
            learnedCount: counts.learned, forgottenCount: counts.forgotten)
    }
}
