import Testing

@testable import Training

/// The standings behind the learned and forgotten counts, on verdict sequences small enough to
/// count by hand.
struct ExampleHistoryTests {
    @Test func flipsAreCountedAgainstThePreviousEvaluation() {
        var history = ExampleHistory(count: 4)
        // Example 0 is always right, 1 is learned then forgotten then relearned, 2 never right,
        // 3 right at first then forgotten for good.
        let first = history.record(correct: [true, false, false, true])
        #expect(first == .init(learned: [0, 3], forgotten: [], neverLearned: 2))
        let second = history.record(correct: [true, true, false, false])
        #expect(second == .init(learned: [1], forgotten: [3], neverLearned: 1))
        let third = history.record(correct: [true, false, false, false])
        #expect(third == .init(learned: [], forgotten: [1], neverLearned: 1))
        let fourth = history.record(correct: [true, true, false, false])
        #expect(fourth == .init(learned: [1], forgotten: [], neverLearned: 1))
        #expect(history.standings == [.right, .right, .neverRight, .forgotten])
    }

    @Test func standingsSurviveTheirRawValues() {
        var history = ExampleHistory(count: 3)
        _ = history.record(correct: [true, false, true])
        _ = history.record(correct: [true, false, false])
        #expect(history.rawValues == [1, 0, 2])
        #expect(ExampleHistory(rawValues: history.rawValues) == history)
        #expect(ExampleHistory(rawValues: [0, 3]) == nil)
    }
}
